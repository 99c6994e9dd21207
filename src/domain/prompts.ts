/**
 * Coaching prompts from evidence. Each is an observation offered as a hypothesis ("I notice … —
 * what happened?"), tagged with the Scrum pillar it serves and the retro phase it fits. The team
 * decides what it means; the prompt never delivers a verdict.
 */
import type { Phase } from './retro';
import type { Pillar } from './retroFormats';
import type { SprintFacts } from './sprintFacts';
import { msg, plural, verbatim, type Message } from './message';

export interface Prompt {
  id: string;
  pillar: Pillar;
  phase: Phase;
  text: Message;
  evidence: Message[];
}

export interface OpenAction { text: string; issueKey: string | null; sprintsOpen: number }

const DAY = 86_400_000;
const pct = (x: number) => Math.round(x * 100);

/** Thresholds at which a pattern is worth offering; below them the team is not bothered. */
export const THRESHOLDS = { scopeChange: 0.2, sayDo: 0.7, flaggedHours: 24, bugShare: 0.3, unplannedShare: 0.25, cycleSpread: 2 } as const;

/** The sprint's estimation unit as words ("points", "hours" or "issues"). */
const unitOf = (unit: SprintFacts['unit']): Message => msg(`unit.${unit}`);

export function retroPrompts(facts: SprintFacts | null, openActions: OpenAction[]): Prompt[] {
  const out: Prompt[] = [];
  if (openActions.length) {
    const oldest = Math.max(...openActions.map((a) => a.sprintsOpen));
    out.push({
      id: 'open-actions', pillar: 'adaptation', phase: 'review',
      text: plural(openActions.length, oldest > 1 ? 'prompt.openActions.oldest' : 'prompt.openActions', { oldest }),
      evidence: openActions.map((a) => (a.issueKey ? msg('prompt.openActions.evidence', { key: a.issueKey, text: a.text }) : verbatim(a.text))),
    });
  }
  if (!facts) return out;
  const m = facts.metrics;
  const t = facts.totals;
  const unit = unitOf(facts.unit);

  if (m.scopeChange !== null && m.scopeChange > THRESHOLDS.scopeChange) {
    const base = facts.burndown[0]?.scope ?? 0;
    const grewAt = facts.burndown.find((p) => p.scope > base * 1.1);
    const day = grewAt ? Math.floor((grewAt.at - facts.window.start) / DAY) + 1 : null;
    out.push({
      id: 'scope-change', pillar: 'inspection', phase: 'gather',
      text: msg(day && day > 1 ? 'prompt.scopeChange.fromDay' : 'prompt.scopeChange.text', { pct: pct(m.scopeChange), day: day ?? 1 }),
      evidence: [msg('prompt.scopeChange.evidence', {
        added: t.added.count, addedEstimate: t.added.estimate, removed: t.removed.count, removedEstimate: t.removed.estimate, committed: t.committed.estimate, unit,
      })],
    });
  }
  if (m.sayDo !== null && m.sayDo < THRESHOLDS.sayDo) {
    out.push({
      id: 'say-do', pillar: 'inspection', phase: 'insights',
      text: msg('prompt.sayDo.text', { pct: pct(m.sayDo) }),
      evidence: [msg('prompt.sayDo.evidence', { done: t.completedCommitted.estimate, committed: t.committed.estimate, unit, notCompleted: t.notCompleted.count })],
    });
  }
  const flagged = facts.issues.filter((i) => i.flaggedHours >= THRESHOLDS.flaggedHours).sort((a, b) => b.flaggedHours - a.flaggedHours);
  if (flagged.length) {
    out.push({
      id: 'flagged', pillar: 'transparency', phase: 'gather',
      text: plural(flagged.length, 'prompt.flagged', { keys: flagged.map((i) => i.key).slice(0, 3).join(', ') }),
      evidence: flagged.slice(0, 3).map((i) => msg('prompt.flagged.evidence', { key: i.key, hours: Math.round(i.flaggedHours) })),
    });
  }
  if (m.unplannedShare !== null && m.unplannedShare > THRESHOLDS.unplannedShare) {
    out.push({
      id: 'unplanned', pillar: 'transparency', phase: 'insights',
      text: msg('prompt.unplanned.text', { pct: pct(m.unplannedShare) }),
      evidence: [msg('prompt.unplanned.evidence', { added: t.added.estimate, unit })],
    });
  }
  if (m.bugShare !== null && m.bugShare > THRESHOLDS.bugShare) {
    out.push({
      id: 'bugs', pillar: 'inspection', phase: 'insights',
      text: msg('prompt.bugs.text', { pct: pct(m.bugShare) }),
      evidence: [msg('prompt.bugs.evidence', { bugs: Math.round(m.bugShare * m.throughput), done: m.throughput })],
    });
  }
  if (m.cycleTimeP50 && m.cycleTimeP85 && m.cycleTimeP85 > THRESHOLDS.cycleSpread * m.cycleTimeP50) {
    out.push({
      id: 'cycle-spread', pillar: 'inspection', phase: 'insights',
      text: msg('prompt.cycleSpread.text', { p50: m.cycleTimeP50, p85: m.cycleTimeP85 }),
      evidence: [msg('prompt.cycleSpread.evidence', { p50: m.cycleTimeP50, p85: m.cycleTimeP85 })],
    });
  }
  if (t.unestimatedCommitted > 0) {
    out.push({
      id: 'unestimated', pillar: 'transparency', phase: 'gather',
      text: plural(t.unestimatedCommitted, 'prompt.unestimated'),
      evidence: [msg('prompt.unestimated.evidence', { n: t.unestimatedCommitted, committed: t.committed.count })],
    });
  }
  if (!facts.sprint.goal.trim()) {
    out.push({ id: 'no-goal', pillar: 'transparency', phase: 'gather', text: msg('prompt.noGoal.text'), evidence: [msg('prompt.noGoal.evidence')] });
  }
  return out;
}

/** Facilitation tips per phase: how to run it, not what to conclude. */
export const FACILITATION_TIPS: Record<Phase, Message[]> = {
  checkin: [msg('tip.checkin.word'), msg('tip.checkin.safety')],
  review: [msg('tip.review.actions'), msg('tip.review.recurring')],
  gather: [msg('tip.gather.facts'), msg('tip.gather.quiet')],
  insights: [msg('tip.insights.group'), msg('tip.insights.why')],
  decide: [msg('tip.decide.grow'), msg('tip.decide.few')],
  close: [msg('tip.close.roti'), msg('tip.close.thanks')],
};

/** Prompts for the Product Owner and team from the state of the backlog. */
export function refinementPrompts(h: { readyRunwaySprints: number | null; readyRunwayEstimate: number; tooBig: { key: string; estimate: number }[]; oldestUnrefined: { key: string; ageDays: number }[] }): Prompt[] {
  const out: Prompt[] = [];
  const runwayEvidence = [msg('prompt.runway.evidence', { estimate: h.readyRunwayEstimate })];
  if (h.readyRunwaySprints !== null && h.readyRunwaySprints < 1) {
    out.push({ id: 'runway-short', pillar: 'transparency', phase: 'decide',
      text: plural(h.readyRunwaySprints, 'prompt.runwayShort'), evidence: runwayEvidence });
  } else if (h.readyRunwaySprints !== null && h.readyRunwaySprints > 3) {
    out.push({ id: 'runway-long', pillar: 'adaptation', phase: 'decide',
      text: msg('prompt.runwayLong', { n: h.readyRunwaySprints }), evidence: runwayEvidence });
  }
  if (h.tooBig.length) {
    out.push({ id: 'too-big', pillar: 'inspection', phase: 'decide',
      text: plural(h.tooBig.length, 'prompt.tooBig'),
      evidence: h.tooBig.slice(0, 5).map((t) => msg('prompt.keyWithValue', { key: t.key, value: t.estimate })) });
  }
  const old = h.oldestUnrefined.filter((o) => o.ageDays > 90);
  if (old.length) {
    out.push({ id: 'old-unrefined', pillar: 'transparency', phase: 'decide',
      text: msg('prompt.oldUnrefined', { days: old[0].ageDays }),
      evidence: old.map((o) => msg('prompt.keyWithDays', { key: o.key, days: o.ageDays })) });
  }
  return out;
}
