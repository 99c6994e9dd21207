/**
 * Coaching prompts from evidence. Each is an observation offered as a hypothesis ("I notice … —
 * what happened?"), tagged with the Scrum pillar it serves and the retro phase it fits. The team
 * decides what it means; the prompt never delivers a verdict.
 */
import type { Phase } from './retro';
import type { Pillar } from './retroFormats';
import type { SprintFacts } from './sprintFacts';

export interface Prompt {
  id: string;
  pillar: Pillar;
  phase: Phase;
  text: string;
  evidence: string;
}

export interface OpenAction { text: string; issueKey: string | null; sprintsOpen: number }

const DAY = 86_400_000;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Thresholds at which a pattern is worth offering; below them the team is not bothered. */
export const THRESHOLDS = { scopeChange: 0.2, sayDo: 0.7, flaggedHours: 24, bugShare: 0.3, unplannedShare: 0.25, cycleSpread: 2 } as const;

export function retroPrompts(facts: SprintFacts | null, openActions: OpenAction[]): Prompt[] {
  const out: Prompt[] = [];
  if (openActions.length) {
    const oldest = Math.max(...openActions.map((a) => a.sprintsOpen));
    out.push({
      id: 'open-actions', pillar: 'adaptation', phase: 'review',
      text: `I notice ${openActions.length} action${openActions.length > 1 ? 's' : ''} from earlier retros ${openActions.length > 1 ? 'are' : 'is'} still open${oldest > 1 ? `, one for ${oldest} sprints` : ''}. What got in the way — and do they still matter to us?`,
      evidence: openActions.map((a) => a.issueKey ? `${a.issueKey}: ${a.text}` : a.text).join('; '),
    });
  }
  if (!facts) return out;
  const m = facts.metrics;
  const t = facts.totals;
  const u = facts.unit === 'points' ? 'points' : facts.unit;

  if (m.scopeChange !== null && m.scopeChange > THRESHOLDS.scopeChange) {
    const base = facts.burndown[0]?.scope ?? 0;
    const grewAt = facts.burndown.find((p) => p.scope > base * 1.1);
    const day = grewAt ? Math.floor((grewAt.at - facts.window.start) / DAY) + 1 : null;
    out.push({
      id: 'scope-change', pillar: 'inspection', phase: 'gather',
      text: `I notice scope changed by ${pct(m.scopeChange)}${day && day > 1 ? `, growing from day ${day}` : ''}. What happened — and who decided to take it in?`,
      evidence: `${t.added.count} issues (${t.added.estimate} ${u}) added, ${t.removed.count} (${t.removed.estimate} ${u}) removed, against ${t.committed.estimate} ${u} committed.`,
    });
  }
  if (m.sayDo !== null && m.sayDo < THRESHOLDS.sayDo) {
    out.push({
      id: 'say-do', pillar: 'inspection', phase: 'insights',
      text: `It looks like ${pct(m.sayDo)} of what we committed to got done. Was the plan too full, did something unexpected come up, or is something else going on?`,
      evidence: `${t.completedCommitted.estimate} of ${t.committed.estimate} committed ${u} completed; ${t.notCompleted.count} issues not completed.`,
    });
  }
  const flagged = facts.issues.filter((i) => i.flaggedHours >= THRESHOLDS.flaggedHours).sort((a, b) => b.flaggedHours - a.flaggedHours);
  if (flagged.length) {
    out.push({
      id: 'flagged', pillar: 'transparency', phase: 'gather',
      text: `I notice ${flagged.map((i) => i.key).slice(0, 3).join(', ')} ${flagged.length > 1 ? 'were' : 'was'} flagged for a long time. What did it take to get unblocked, and could we have asked for help sooner?`,
      evidence: flagged.slice(0, 3).map((i) => `${i.key} flagged ${Math.round(i.flaggedHours)} h`).join('; '),
    });
  }
  if (m.unplannedShare !== null && m.unplannedShare > THRESHOLDS.unplannedShare) {
    out.push({
      id: 'unplanned', pillar: 'transparency', phase: 'insights',
      text: `About ${pct(m.unplannedShare)} of the work arrived after planning. Where does it come from — and is it visible to us before the sprint starts?`,
      evidence: `${t.added.estimate} ${u} added after the start.`,
    });
  }
  if (m.bugShare !== null && m.bugShare > THRESHOLDS.bugShare) {
    out.push({
      id: 'bugs', pillar: 'inspection', phase: 'insights',
      text: `I notice ${pct(m.bugShare)} of what we finished were bugs. What might that tell us about how we build or test?`,
      evidence: `${Math.round(m.bugShare * m.throughput)} of ${m.throughput} completed issues are bugs.`,
    });
  }
  if (m.cycleTimeP50 && m.cycleTimeP85 && m.cycleTimeP85 > THRESHOLDS.cycleSpread * m.cycleTimeP50) {
    out.push({
      id: 'cycle-spread', pillar: 'inspection', phase: 'insights',
      text: `Most items took about ${m.cycleTimeP50} days, but some took ${m.cycleTimeP85} or more. What made the long ones different?`,
      evidence: `Cycle time p50 ${m.cycleTimeP50} d, p85 ${m.cycleTimeP85} d.`,
    });
  }
  if (t.unestimatedCommitted > 0) {
    out.push({
      id: 'unestimated', pillar: 'transparency', phase: 'gather',
      text: `${t.unestimatedCommitted} committed item${t.unestimatedCommitted > 1 ? 's had' : ' had'} no estimate. Did we know how big they were when we took them on?`,
      evidence: `${t.unestimatedCommitted} of ${t.committed.count} committed issues unestimated at the start.`,
    });
  }
  if (!facts.sprint.goal.trim()) {
    out.push({ id: 'no-goal', pillar: 'transparency', phase: 'gather', text: 'The sprint had no goal written down. What were we trying to achieve together?', evidence: 'Sprint goal is empty.' });
  }
  return out;
}

/** Facilitation tips per phase: how to run it, not what to conclude. */
export const FACILITATION_TIPS: Record<Phase, string[]> = {
  checkin: ['Ask everyone for one word about the sprint.', 'Run the safety check anonymously; if scores are low, talk about how to make the retro safe before going on.'],
  review: ['Start with last retro\'s actions: done, still useful, or let go?', 'An action that keeps coming back may be too big, or owned by nobody.'],
  gather: ['Look at the facts together before opinions: the timeline tells the sprint day by day.', 'Give quiet writing time before discussing cards.'],
  insights: ['Group related cards into themes, then vote.', 'Ask "what might be behind this?" more than once.'],
  decide: ['Use GROW: Goal (what do we want?), Reality (what is happening now?), Options (what could we try?), Will (what will we do, who, by when?).', 'One or two SMART actions beat five vague ones.'],
  close: ['Ask for a return-on-time-invested vote (1–5).', 'Thank people; note who will check the actions next time.'],
};

/** Prompts for the Product Owner and team from the state of the backlog. */
export function refinementPrompts(h: { readyRunwaySprints: number | null; readyRunwayEstimate: number; tooBig: { key: string; estimate: number }[]; oldestUnrefined: { key: string; ageDays: number }[] }): Prompt[] {
  const out: Prompt[] = [];
  if (h.readyRunwaySprints !== null && h.readyRunwaySprints < 1) {
    out.push({ id: 'runway-short', pillar: 'transparency', phase: 'decide',
      text: `I notice the ready work at the top of the backlog covers about ${h.readyRunwaySprints} sprint${h.readyRunwaySprints === 1 ? '' : 's'}. Would a refinement session before planning help?`,
      evidence: `${h.readyRunwayEstimate} of ready work from the top.` });
  } else if (h.readyRunwaySprints !== null && h.readyRunwaySprints > 3) {
    out.push({ id: 'runway-long', pillar: 'adaptation', phase: 'decide',
      text: `There are about ${h.readyRunwaySprints} sprints of refined work. Could some of that detail go stale before we get to it?`,
      evidence: `${h.readyRunwayEstimate} of ready work from the top.` });
  }
  if (h.tooBig.length) {
    out.push({ id: 'too-big', pillar: 'inspection', phase: 'decide',
      text: `${h.tooBig.length} item${h.tooBig.length > 1 ? 's look' : ' looks'} too big for one sprint. What would a first slice that delivers value look like?`,
      evidence: h.tooBig.slice(0, 5).map((t) => `${t.key} (${t.estimate})`).join(', ') });
  }
  const old = h.oldestUnrefined.filter((o) => o.ageDays > 90);
  if (old.length) {
    out.push({ id: 'old-unrefined', pillar: 'transparency', phase: 'decide',
      text: `Some items have waited unrefined for months, the oldest ${old[0].ageDays} days. Do they still matter, or could they go?`,
      evidence: old.map((o) => `${o.key} (${o.ageDays} d)`).join(', ') });
  }
  return out;
}
