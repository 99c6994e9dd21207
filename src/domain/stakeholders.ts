/**
 * The Product Owner's stakeholder map: power/interest grid and insights drawn from real sprint
 * facts. Pure. External stakeholders' names and notes are personal data: they live only in the
 * stakeholder record, so deleting it (and its links and snapshot entries) removes them everywhere.
 */
import { msg, plural, type Message } from './message';
import type { Prompt } from './prompts';
import type { SprintFacts } from './sprintFacts';

export type Quadrant = 'manageClosely' | 'keepSatisfied' | 'keepInformed' | 'monitor';
export type Attitude = 'champion' | 'supporter' | 'neutral' | 'critic' | 'blocker';

export interface Stakeholder {
  id: string;
  /** A Jira user, or a named external party. */
  accountId: string | null;
  name: string;
  role: string;
  power: number;
  interest: number;
  attitude: Attitude;
  notes: string;
  /** ISO date of the last conversation, or null. */
  lastContact: string | null;
}

export interface StakeholderLink {
  stakeholderId: string;
  issueKey: string;
  relation: 'asked' | 'benefits';
  /** Value this stakeholder states for the item, 1..10 (feeds derived value). */
  statedValue: number | null;
}

/** 1–5 scales; 3 and above count as high. */
export function quadrant(s: Pick<Stakeholder, 'power' | 'interest'>): Quadrant {
  const hp = s.power >= 3, hi = s.interest >= 3;
  return hp && hi ? 'manageClosely' : hp ? 'keepSatisfied' : hi ? 'keepInformed' : 'monitor';
}

export const quadrantTitle = (q: Quadrant): Message => msg(`stakeholders.quadrant.${q}`);

export interface StakeholderInsight {
  stakeholderId: string;
  delivered: number;
  deliveredIssues: string[];
  backDoor: { key: string; sprint: string }[];
  daysSinceContact: number | null;
}

const DAY = 86_400_000;
export const NO_CONTACT_DAYS = 60;

/** Delivered estimate per stakeholder over the given sprints; back-door requests; contact age. */
export function stakeholderInsights(stakeholders: Stakeholder[], links: StakeholderLink[], sprints: SprintFacts[], now: number): StakeholderInsight[] {
  return stakeholders.map((s) => {
    const linked = new Set(links.filter((l) => l.stakeholderId === s.id).map((l) => l.issueKey));
    const theirs = (i: { key: string; reporterId: string | null }) => linked.has(i.key) || (!!s.accountId && i.reporterId === s.accountId);
    let delivered = 0;
    const deliveredIssues: string[] = [];
    const backDoor: StakeholderInsight['backDoor'] = [];
    for (const f of sprints) {
      for (const i of f.issues) {
        if (!theirs(i)) continue;
        if (i.outcome === 'completed') { delivered += i.estimateAtEnd ?? 0; deliveredIssues.push(i.key); }
        // Reported by them and pulled into a running sprint: it skipped refinement.
        if (i.added && s.accountId && i.reporterId === s.accountId) backDoor.push({ key: i.key, sprint: f.sprint.name });
      }
    }
    return {
      stakeholderId: s.id, delivered: Math.round(delivered * 10) / 10, deliveredIssues, backDoor,
      daysSinceContact: s.lastContact ? Math.floor((now - Date.parse(s.lastContact)) / DAY) : null,
    };
  });
}

/** Coaching prompts for the PO, as hypotheses. */
export function stakeholderPrompts(stakeholders: Stakeholder[], insights: StakeholderInsight[], sprintsLooked: number): Prompt[] {
  const byId = new Map(stakeholders.map((s) => [s.id, s]));
  const nameOf = (i: StakeholderInsight) => byId.get(i.stakeholderId)!.name;
  const out: Prompt[] = [];
  const total = insights.reduce((n, i) => n + i.delivered, 0);
  const top = [...insights].sort((a, b) => b.delivered - a.delivered)[0];
  if (top && total > 0 && top.delivered / total > 0.5 && insights.length > 2) {
    out.push({ id: 'balance', pillar: 'inspection', phase: 'insights',
      text: msg('stakeholders.prompt.balance', { pct: Math.round((top.delivered / total) * 100), sprints: sprintsLooked, name: nameOf(top) }),
      evidence: insights.filter((i) => i.delivered > 0).map((i) => msg('stakeholders.evidence.count', { name: nameOf(i), n: i.delivered })) });
  }
  const backDoorTotal = insights.reduce((n, i) => n + i.backDoor.length, 0);
  const requesters = insights.filter((i) => i.backDoor.length).length;
  if (backDoorTotal >= 3 && requesters >= 2) {
    out.push({ id: 'mandate', pillar: 'transparency', phase: 'insights',
      text: msg('stakeholders.prompt.mandate', { n: backDoorTotal, requesters }),
      evidence: insights.filter((i) => i.backDoor.length).map((i) => msg('stakeholders.evidence.count', { name: nameOf(i), n: i.backDoor.length })) });
  }
  for (const i of insights) {
    const s = byId.get(i.stakeholderId)!;
    if (s.power >= 4 && i.delivered === 0) {
      out.push({ id: `neglected-${s.id}`, pillar: 'transparency', phase: 'insights',
        text: msg('stakeholders.prompt.neglected', { name: s.name, sprints: sprintsLooked }),
        evidence: [msg('stakeholders.evidence.neglected', { power: s.power, interest: s.interest })] });
    }
    if (i.backDoor.length) {
      out.push({ id: `backdoor-${s.id}`, pillar: 'transparency', phase: 'insights',
        text: plural(i.backDoor.length, 'stakeholders.prompt.backDoor', { name: s.name }),
        evidence: i.backDoor.map((b) => msg('stakeholders.evidence.backDoor', { key: b.key, sprint: b.sprint })) });
    }
    if (s.power >= 3 && (i.daysSinceContact === null || i.daysSinceContact > NO_CONTACT_DAYS)) {
      out.push({ id: `contact-${s.id}`, pillar: 'adaptation', phase: 'insights',
        text: i.daysSinceContact === null ? msg('stakeholders.prompt.neverContacted', { name: s.name }) : msg('stakeholders.prompt.contact', { name: s.name, days: i.daysSinceContact }),
        evidence: [s.lastContact ? msg('stakeholders.evidence.lastContact', { date: s.lastContact }) : msg('stakeholders.evidence.noContact')] });
    }
  }
  return out;
}
