/**
 * The Product Owner's stakeholder map: power/interest grid and insights drawn from real sprint
 * facts. Pure. External stakeholders' names and notes are personal data: they live only in the
 * stakeholder record, so deleting it (and its links and snapshot entries) removes them everywhere.
 */
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

export const QUADRANT_TITLES: Record<Quadrant, string> = {
  manageClosely: 'Manage closely', keepSatisfied: 'Keep satisfied', keepInformed: 'Keep informed', monitor: 'Monitor',
};

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
  const out: Prompt[] = [];
  const total = insights.reduce((n, i) => n + i.delivered, 0);
  const top = [...insights].sort((a, b) => b.delivered - a.delivered)[0];
  if (top && total > 0 && top.delivered / total > 0.5 && insights.length > 2) {
    out.push({ id: 'balance', pillar: 'inspection', phase: 'insights',
      text: `I notice ${Math.round((top.delivered / total) * 100)}% of what was delivered in the last ${sprintsLooked} sprints went to ${byId.get(top.stakeholderId)!.name}. Is that the balance you want?`,
      evidence: insights.filter((i) => i.delivered > 0).map((i) => `${byId.get(i.stakeholderId)!.name}: ${i.delivered}`).join('; ') });
  }
  const backDoorTotal = insights.reduce((n, i) => n + i.backDoor.length, 0);
  const requesters = insights.filter((i) => i.backDoor.length).length;
  if (backDoorTotal >= 3 && requesters >= 2) {
    out.push({ id: 'mandate', pillar: 'transparency', phase: 'insights',
      text: `${backDoorTotal} requests from ${requesters} stakeholders reached running sprints without passing the backlog. Do stakeholders know that you decide the order of the work — and what would help them respect that?`,
      evidence: insights.filter((i) => i.backDoor.length).map((i) => `${byId.get(i.stakeholderId)!.name}: ${i.backDoor.length}`).join('; ') });
  }
  for (const i of insights) {
    const s = byId.get(i.stakeholderId)!;
    if (s.power >= 4 && i.delivered === 0) {
      out.push({ id: `neglected-${s.id}`, pillar: 'transparency', phase: 'insights',
        text: `${s.name} has a lot of influence but nothing of theirs was delivered in the last ${sprintsLooked} sprints. Do they know why — and is that still right?`,
        evidence: `Power ${s.power}/5, interest ${s.interest}/5, 0 delivered.` });
    }
    if (i.backDoor.length) {
      out.push({ id: `backdoor-${s.id}`, pillar: 'transparency', phase: 'insights',
        text: `${i.backDoor.length} request${i.backDoor.length > 1 ? 's' : ''} from ${s.name} went straight into a running sprint. What made that feel necessary, and how could such requests reach the backlog first?`,
        evidence: i.backDoor.map((b) => `${b.key} (${b.sprint})`).join(', ') });
    }
    if (s.power >= 3 && (i.daysSinceContact === null || i.daysSinceContact > NO_CONTACT_DAYS)) {
      out.push({ id: `contact-${s.id}`, pillar: 'adaptation', phase: 'insights',
        text: `It has been ${i.daysSinceContact === null ? 'a while (no contact noted)' : `${i.daysSinceContact} days`} since you spoke with ${s.name}. Might a short conversation help?`,
        evidence: s.lastContact ? `Last contact ${s.lastContact}.` : 'No last contact recorded.' });
    }
  }
  return out;
}
