/**
 * Jira's Sprint Report and Velocity Chart, rebuilt from changelogs (the greenhopper report API is
 * not reachable from Forge). Pure: board, sprint, issues with current values and field changes in;
 * facts out. Definitions follow Atlassian's documentation and are spelled out in the README:
 *  - commitment is what was in the sprint at its start, with the estimate at that moment;
 *  - an issue is done when its status is in the board's last column;
 *  - sub-tasks are left out, as Jira's report leaves out their estimates.
 */
import { historiesOf, numberOf, sprintIdsOf, type FieldChange, type FieldHistory, type TrackedField } from './history';
import { percentile, ratio, round1, sum } from './stats';

/** Bump when a definition changes: cached facts of closed sprints are keyed by it. */
export const SPRINT_FACTS_VERSION = 1;

const DAY = 86_400_000;
const HOUR = 3_600_000;

export type Estimation =
  | { kind: 'field'; fieldId: string; label: string }
  | { kind: 'issueCount' };

export interface BoardModel {
  id: number;
  name: string;
  projectKey: string;
  estimation: Estimation;
  /** Column → statuses, in board order. First column = not started, last = done. */
  columns: { name: string; statusIds: string[] }[];
}

export interface SprintModel {
  id: number;
  name: string;
  state: 'future' | 'active' | 'closed';
  goal: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
}

export interface IssueInput {
  id: string;
  key: string;
  summary: string;
  type: string;
  isSubtask: boolean;
  created: string;
  reporterId: string | null;
  labels: string[];
  /** Current raw values: sprint ids "12, 13", estimate "5" (seconds for time fields), status id, flagged text or null. */
  current: Record<TrackedField, string | null>;
  changes: FieldChange[];
}

export type Outcome = 'completed' | 'notCompleted' | 'completedOutside' | 'removed';

export interface IssueFacts {
  id: string;
  key: string;
  summary: string;
  type: string;
  reporterId: string | null;
  committed: boolean;
  added: boolean;
  /** When it (last) entered the sprint: the start for committed issues. */
  joinedAt: number;
  removedAt: number | null;
  outcome: Outcome;
  /** Estimate when it joined (commitment for committed issues), and at the end or at removal. */
  estimateAtJoin: number | null;
  estimateAtEnd: number | null;
  estimateChanges: { at: number; from: number | null; to: number | null }[];
  cycleTimeDays: number | null;
  /** For unfinished work that has started: days since it started, at the end of the window. */
  ageDays: number | null;
  flaggedHours: number;
}

export interface Tally { count: number; estimate: number }

export interface TimelineEvent {
  at: number;
  day: number;
  kind: 'added' | 'removed' | 'done' | 'reopened' | 'flagged' | 'unflagged' | 'reestimated';
  key: string;
  detail?: string;
}

export interface SprintFacts {
  version: number;
  sprint: SprintModel;
  board: { id: number; name: string; projectKey: string };
  unit: 'points' | 'hours' | 'issues';
  window: { start: number; end: number; isFinal: boolean };
  issues: IssueFacts[];
  totals: {
    committed: Tally; added: Tally; removed: Tally; completed: Tally; notCompleted: Tally; completedOutside: Tally;
    completedCommitted: Tally; unestimatedCommitted: number; reestimateDelta: number;
  };
  metrics: {
    /** (added + removed estimate) / committed, as a fraction. */
    scopeChange: number | null;
    /** Estimate of committed issues completed in the sprint / committed estimate. */
    sayDo: number | null;
    velocity: number;
    throughput: number;
    cycleTimeP50: number | null;
    cycleTimeP85: number | null;
    openAgeP50: number | null;
    flaggedHours: number;
    bugShare: number | null;
    unplannedShare: number | null;
  };
  burndown: { at: number; remaining: number; scope: number }[];
  timeline: TimelineEvent[];
}

export class SprintNotStartedError extends Error {
  constructor(readonly sprint: SprintModel) { super(`Sprint "${sprint.name}" has not started yet, so it has no facts.`); }
}

interface Prepared {
  input: IssueInput;
  h: Record<TrackedField, FieldHistory>;
}

export function computeSprintFacts(board: BoardModel, sprint: SprintModel, issues: IssueInput[], now: number): SprintFacts {
  if (!sprint.startDate || sprint.state === 'future') throw new SprintNotStartedError(sprint);
  const start = Date.parse(sprint.startDate);
  const isFinal = sprint.state === 'closed' && !!sprint.completeDate;
  const end = isFinal ? Date.parse(sprint.completeDate!) : Math.max(start, now);
  const doneIds = new Set(board.columns.at(-1)?.statusIds ?? []);
  const notStartedIds = new Set(board.columns[0]?.statusIds ?? []);
  const unit: SprintFacts['unit'] = board.estimation.kind === 'issueCount' ? 'issues'
    : /^time(original)?estimate$/.test(board.estimation.fieldId) ? 'hours' : 'points';
  const estimateOf = (raw: string | null): number | null => {
    if (unit === 'issues') return 1;
    const n = numberOf(raw);
    return n === null ? null : unit === 'hours' ? round1(n / 3600) : n;
  };
  const inSprint = (h: FieldHistory, t: number) => sprintIdsOf(h.valueAt(t)).includes(sprint.id);
  const isDone = (h: FieldHistory, t: number) => doneIds.has(h.valueAt(t) ?? '');

  const prepared: Prepared[] = issues.filter((i) => !i.isSubtask).map((input) => ({ input, h: historiesOf(input.changes, input.current) }));
  const facts: IssueFacts[] = [];
  const timeline: TimelineEvent[] = [];
  const dayOf = (at: number) => Math.floor((at - start) / DAY) + 1;

  for (const { input, h } of prepared) {
    if (Date.parse(input.created) > end) continue;
    const existedAtStart = Date.parse(input.created) <= start;
    const committed = existedAtStart && inSprint(h.sprint, start);
    const sprintChanges = h.sprint.between(start, end);
    const entries = sprintChanges.filter((c) => sprintIdsOf(c.to).includes(sprint.id) && !sprintIdsOf(c.from).includes(sprint.id));
    const exits = sprintChanges.filter((c) => sprintIdsOf(c.from).includes(sprint.id) && !sprintIdsOf(c.to).includes(sprint.id));
    // Created straight into the sprint after it started: no changelog entry, but in it at the end.
    const createdInto = !existedAtStart && entries.length === 0 && inSprint(h.sprint, Math.max(Date.parse(input.created), start));
    if (!committed && entries.length === 0 && !createdInto) continue;
    const atEnd = inSprint(h.sprint, end);
    // Commitment is measured at the start even if the issue left and came back later.
    const joinedAt = committed ? start : createdInto ? Date.parse(input.created) : entries.at(-1)!.at;
    const removedAt = atEnd ? null : exits.at(-1)?.at ?? end;
    const until = removedAt ?? end;

    let outcome: Outcome;
    if (!atEnd) outcome = 'removed';
    else if (!isDone(h.status, end)) outcome = 'notCompleted';
    else {
      const leftDone = h.status.between(joinedAt, end).some((c) => doneIds.has(c.from ?? '') && !doneIds.has(c.to ?? ''));
      outcome = isDone(h.status, joinedAt) && !leftDone ? 'completedOutside' : 'completed';
    }

    const statusChanges = h.status.all();
    const startedAt = statusChanges.find((c) => !notStartedIds.has(c.to ?? ''))?.at
      ?? (notStartedIds.has(h.status.valueAt(Date.parse(input.created)) ?? '') ? null : Date.parse(input.created));
    const lastDoneAt = [...statusChanges].reverse().find((c) => c.at <= end && doneIds.has(c.to ?? ''))?.at ?? null;
    const cycleTimeDays = outcome === 'completed' && startedAt !== null && lastDoneAt !== null && lastDoneAt >= startedAt
      ? round1((lastDoneAt - startedAt) / DAY) : null;
    const ageDays = outcome === 'notCompleted' && startedAt !== null && startedAt <= end ? round1((end - startedAt) / DAY) : null;

    // Flagged time inside the window while it was in the sprint.
    let flaggedMs = 0;
    let flagOn = h.flagged.valueAt(joinedAt) ? joinedAt : null;
    for (const c of h.flagged.between(joinedAt, until)) {
      if (c.to && flagOn === null) { flagOn = c.at; timeline.push({ at: c.at, day: dayOf(c.at), kind: 'flagged', key: input.key }); }
      else if (!c.to && flagOn !== null) { flaggedMs += c.at - flagOn; flagOn = null; timeline.push({ at: c.at, day: dayOf(c.at), kind: 'unflagged', key: input.key }); }
    }
    if (flagOn !== null) flaggedMs += until - flagOn;

    const estimateChanges = unit === 'issues' ? [] : h.estimate.between(joinedAt, until).map((c) => ({ at: c.at, from: estimateOf(c.from), to: estimateOf(c.to) }));
    for (const c of estimateChanges) timeline.push({ at: c.at, day: dayOf(c.at), kind: 'reestimated', key: input.key, detail: `${c.from ?? '–'} → ${c.to ?? '–'}` });
    for (const c of h.status.between(start, until)) {
      if (doneIds.has(c.to ?? '') && !doneIds.has(c.from ?? '')) timeline.push({ at: c.at, day: dayOf(c.at), kind: 'done', key: input.key });
      else if (doneIds.has(c.from ?? '') && !doneIds.has(c.to ?? '')) timeline.push({ at: c.at, day: dayOf(c.at), kind: 'reopened', key: input.key });
    }
    for (const c of entries) timeline.push({ at: c.at, day: dayOf(c.at), kind: 'added', key: input.key });
    if (createdInto) timeline.push({ at: joinedAt, day: dayOf(joinedAt), kind: 'added', key: input.key });
    for (const c of exits) timeline.push({ at: c.at, day: dayOf(c.at), kind: 'removed', key: input.key });

    facts.push({
      id: input.id, key: input.key, summary: input.summary, type: input.type, reporterId: input.reporterId,
      committed, added: !committed, joinedAt, removedAt, outcome,
      estimateAtJoin: estimateOf(h.estimate.valueAt(joinedAt)),
      estimateAtEnd: estimateOf(h.estimate.valueAt(until)),
      estimateChanges, cycleTimeDays, ageDays, flaggedHours: round1(flaggedMs / HOUR),
    });
  }

  const tally = (xs: IssueFacts[], pick: (f: IssueFacts) => number | null): Tally => ({ count: xs.length, estimate: round1(sum(xs.map((f) => pick(f) ?? 0))) });
  const committed = facts.filter((f) => f.committed);
  const added = facts.filter((f) => f.added);
  const removed = facts.filter((f) => f.outcome === 'removed');
  const completed = facts.filter((f) => f.outcome === 'completed');
  const notCompleted = facts.filter((f) => f.outcome === 'notCompleted');
  const completedOutside = facts.filter((f) => f.outcome === 'completedOutside');
  const completedCommitted = completed.filter((f) => f.committed);
  const totals = {
    committed: tally(committed, (f) => f.estimateAtJoin),
    added: tally(added, (f) => f.estimateAtJoin),
    removed: tally(removed, (f) => f.estimateAtEnd),
    completed: tally(completed, (f) => f.estimateAtEnd),
    notCompleted: tally(notCompleted, (f) => f.estimateAtEnd),
    completedOutside: tally(completedOutside, (f) => f.estimateAtEnd),
    completedCommitted: tally(completedCommitted, (f) => f.estimateAtJoin),
    unestimatedCommitted: unit === 'issues' ? 0 : committed.filter((f) => f.estimateAtJoin === null).length,
    reestimateDelta: round1(sum(facts.filter((f) => f.outcome !== 'removed').map((f) => (f.estimateAtEnd ?? 0) - (f.estimateAtJoin ?? 0)))),
  };
  const cycle = completed.map((f) => f.cycleTimeDays).filter((x): x is number => x !== null);
  const ages = notCompleted.map((f) => f.ageDays).filter((x): x is number => x !== null);
  const bugs = completed.filter((f) => /bug/i.test(f.type)).length;

  return {
    version: SPRINT_FACTS_VERSION,
    sprint,
    board: { id: board.id, name: board.name, projectKey: board.projectKey },
    unit,
    window: { start, end, isFinal },
    issues: facts.sort((a, b) => a.joinedAt - b.joinedAt || a.key.localeCompare(b.key, 'en', { numeric: true })),
    totals,
    metrics: {
      scopeChange: ratio(totals.added.estimate + totals.removed.estimate, totals.committed.estimate),
      sayDo: ratio(totals.completedCommitted.estimate, totals.committed.estimate),
      velocity: totals.completed.estimate,
      throughput: completed.length,
      cycleTimeP50: percentile(cycle, 50),
      cycleTimeP85: percentile(cycle, 85),
      openAgeP50: percentile(ages, 50),
      flaggedHours: round1(sum(facts.map((f) => f.flaggedHours))),
      bugShare: ratio(bugs, completed.length),
      unplannedShare: ratio(totals.added.estimate, totals.committed.estimate + totals.added.estimate),
    },
    burndown: burndown(prepared, start, end, inSprint, isDone, estimateOf),
    timeline: timeline.filter((e) => e.at >= start && e.at <= end).sort((a, b) => a.at - b.at),
  };
}

/** Remaining and total scope at each day boundary and at the end. */
function burndown(
  prepared: Prepared[], start: number, end: number,
  inSprint: (h: FieldHistory, t: number) => boolean,
  isDone: (h: FieldHistory, t: number) => boolean,
  estimateOf: (raw: string | null) => number | null,
) {
  const points: number[] = [];
  for (let t = start; t < end; t += DAY) points.push(t);
  points.push(end);
  const relevant = prepared.filter(({ input, h }) => Date.parse(input.created) <= end && (inSprint(h.sprint, start) || h.sprint.between(start, end).length > 0 || inSprint(h.sprint, end)));
  return points.map((at) => {
    let scope = 0, remaining = 0;
    for (const { input, h } of relevant) {
      if (Date.parse(input.created) > at || !inSprint(h.sprint, at)) continue;
      const e = estimateOf(h.estimate.valueAt(at)) ?? 0;
      scope += e;
      if (!isDone(h.status, at)) remaining += e;
    }
    return { at, remaining: round1(remaining), scope: round1(scope) };
  });
}
