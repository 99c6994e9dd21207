import fc from 'fast-check';
import type { FieldChange, TrackedField } from '../../src/domain/history';
import { computeSprintFacts, SprintNotStartedError, type BoardModel, type IssueInput, type SprintModel } from '../../src/domain/sprintFacts';

const D = 86_400_000;
const T0 = Date.parse('2026-01-05T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const TODO = '1', DOING = '3', DONE = '5';

const board: BoardModel = {
  id: 1, name: 'Team board', projectKey: 'P', estimation: { kind: 'field', fieldId: 'sp', label: 'Story points' },
  columns: [{ name: 'To Do', statusIds: [TODO] }, { name: 'Doing', statusIds: [DOING] }, { name: 'Done', statusIds: [DONE] }],
};
const sprint: SprintModel = { id: 7, name: 'Sprint 7', state: 'closed', goal: 'Ship it', startDate: iso(T0), endDate: iso(T0 + 10 * D), completeDate: iso(T0 + 10 * D) };
const END = T0 + 10 * D;

type Change = [day: number, field: TrackedField, from: string | null, to: string | null];
let n = 0;
function issue(key: string, current: Partial<Record<TrackedField, string | null>>, changes: Change[] = [], extra: Partial<IssueInput> = {}): IssueInput {
  return {
    id: String(++n), key, summary: key, type: 'Story', isSubtask: false, created: iso(T0 - 20 * D), reporterId: null, labels: [],
    current: { sprint: null, estimate: null, status: TODO, flagged: null, ...current },
    changes: changes.map(([d, field, from, to]): FieldChange => ({ at: T0 + d * D, field, from, to })),
    ...extra,
  };
}

describe('sprint report rebuilt from changelogs', () => {
  const issues = [
    // Committed, worked on day 1, done day 3.
    issue('A', { sprint: '7', estimate: '3', status: DONE }, [[-1, 'sprint', null, '7'], [1, 'status', TODO, DOING], [3, 'status', DOING, DONE]]),
    // Committed at 3, re-estimated to 5, not finished, carried over to sprint 8 at completion.
    issue('B', { sprint: '7, 8', estimate: '5', status: DOING }, [[-2, 'sprint', null, '7'], [2, 'estimate', '3', '5'], [4, 'status', TODO, DOING], [10, 'sprint', '7', '7, 8']]),
    // Added on day 2 and finished.
    issue('C', { sprint: '7', estimate: '2', status: DONE }, [[2, 'sprint', null, '7'], [3, 'status', TODO, DOING], [5, 'status', DOING, DONE]]),
    // Added day 1, removed day 3.
    issue('D', { sprint: null, estimate: '1' }, [[1, 'sprint', null, '7'], [3, 'sprint', '7', null]]),
    // Committed, then moved to sprint 9 on day 5.
    issue('E', { sprint: '9', estimate: '8' }, [[-1, 'sprint', null, '7'], [5, 'sprint', '7', '9']]),
    // Already done before the sprint, pulled in on day 2: completed outside.
    issue('F', { sprint: '7', estimate: '2', status: DONE }, [[-5, 'status', TODO, DONE], [2, 'sprint', null, '7']]),
    // Committed, done day 2, reopened day 3, done again day 6: completed in the sprint.
    issue('G', { sprint: '7', estimate: '1', status: DONE }, [[-1, 'sprint', null, '7'], [1, 'status', TODO, DOING], [2, 'status', DOING, DONE], [3, 'status', DONE, DOING], [6, 'status', DOING, DONE]]),
    // Committed, done day 2, reopened day 8 and not finished.
    issue('H', { sprint: '7, 8', estimate: '2', status: DOING }, [[-1, 'sprint', null, '7'], [1, 'status', TODO, DOING], [2, 'status', DOING, DONE], [8, 'status', DONE, DOING], [10, 'sprint', '7', '7, 8']]),
    // Sub-task: left out like Jira leaves out sub-task estimates.
    issue('I', { sprint: '7', estimate: '5', status: DONE }, [[-1, 'sprint', null, '7']], { isSubtask: true, type: 'Subtask' }),
    // Committed, flagged from day 1 to day 3, finished day 4.
    issue('J', { sprint: '7', estimate: '3', status: DONE }, [[-1, 'sprint', null, '7'], [1, 'flagged', null, 'Impediment'], [1, 'status', TODO, DOING], [3, 'flagged', 'Impediment', null], [4, 'status', DOING, DONE]]),
    // Created straight into the sprint on day 4 (no Sprint changelog), a bug, finished day 6.
    issue('K', { sprint: '7', estimate: '1', status: DONE }, [[5, 'status', TODO, DOING], [6, 'status', DOING, DONE]], { created: iso(T0 + 4 * D), type: 'Bug' }),
    // Carried over from sprint 6 before the start: committed, not started.
    issue('L', { sprint: '6, 7, 8', estimate: '5' }, [[-10, 'sprint', null, '6'], [0, 'sprint', '6', '6, 7'], [10, 'sprint', '6, 7', '6, 7, 8']]),
    // In the sprint only before it started: not part of the report.
    issue('M', { sprint: null, estimate: '3' }, [[-3, 'sprint', null, '7'], [-1, 'sprint', '7', null]]),
    // Issue of another sprint entirely.
    issue('N', { sprint: '9', estimate: '3' }, [[1, 'sprint', null, '9']]),
  ];
  const facts = computeSprintFacts(board, sprint, issues, END + 5 * D);
  const byKey = Object.fromEntries(facts.issues.map((f) => [f.key, f]));

  test('each issue lands in the category Jira would give it', () => {
    expect(Object.keys(byKey).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L']);
    expect(byKey.A).toMatchObject({ committed: true, outcome: 'completed', estimateAtJoin: 3, estimateAtEnd: 3 });
    expect(byKey.B).toMatchObject({ committed: true, outcome: 'notCompleted', estimateAtJoin: 3, estimateAtEnd: 5 });
    expect(byKey.B.estimateChanges).toEqual([{ at: T0 + 2 * D, from: 3, to: 5 }]);
    expect(byKey.C).toMatchObject({ added: true, outcome: 'completed', joinedAt: T0 + 2 * D, estimateAtJoin: 2 });
    expect(byKey.D).toMatchObject({ added: true, outcome: 'removed', removedAt: T0 + 3 * D });
    expect(byKey.E).toMatchObject({ committed: true, outcome: 'removed', estimateAtEnd: 8 });
    expect(byKey.F).toMatchObject({ added: true, outcome: 'completedOutside' });
    expect(byKey.G).toMatchObject({ committed: true, outcome: 'completed' });
    expect(byKey.H).toMatchObject({ committed: true, outcome: 'notCompleted' });
    expect(byKey.J).toMatchObject({ committed: true, outcome: 'completed', flaggedHours: 48 });
    expect(byKey.K).toMatchObject({ added: true, outcome: 'completed', joinedAt: T0 + 4 * D });
    expect(byKey.L).toMatchObject({ committed: true, outcome: 'notCompleted', estimateAtJoin: 5 });
  });

  test('totals and metrics match the hand count', () => {
    const t = facts.totals;
    expect(t.committed).toEqual({ count: 7, estimate: 3 + 3 + 8 + 1 + 2 + 3 + 5 }); // A B E G H J L
    expect(t.added).toEqual({ count: 4, estimate: 2 + 1 + 2 + 1 }); // C D F K
    expect(t.removed).toEqual({ count: 2, estimate: 1 + 8 }); // D E
    expect(t.completed).toEqual({ count: 5, estimate: 3 + 2 + 1 + 3 + 1 }); // A C G J K
    expect(t.notCompleted).toEqual({ count: 3, estimate: 5 + 2 + 5 }); // B H L
    expect(t.completedOutside).toEqual({ count: 1, estimate: 2 });
    expect(t.completedCommitted).toEqual({ count: 3, estimate: 3 + 1 + 3 }); // A G J
    expect(t.reestimateDelta).toBe(2);
    const m = facts.metrics;
    expect(m.scopeChange).toBeCloseTo((6 + 9) / 25);
    expect(m.sayDo).toBeCloseTo(7 / 25);
    expect(m.velocity).toBe(10);
    expect(m.throughput).toBe(5);
    expect(m.bugShare).toBeCloseTo(1 / 5);
    expect(m.unplannedShare).toBeCloseTo(6 / 31);
    expect(m.flaggedHours).toBe(48);
    // Cycle times: A 2d, C 2d, G 5d (first start day 1 → last done day 6), J 3d, K 1d.
    expect(byKey.G.cycleTimeDays).toBe(5);
    expect(m.cycleTimeP50).toBe(2);
    expect(m.cycleTimeP85).toBe(5);
  });

  test('burndown starts at the commitment and ends at what was left', () => {
    expect(facts.burndown[0]).toEqual({ at: T0, scope: 25, remaining: 25 });
    const last = facts.burndown.at(-1)!;
    expect(last.at).toBe(END);
    expect(last.remaining).toBe(12); // B 5 + H 2 + L 5
  });

  test('the timeline tells the sprint day by day', () => {
    const kinds = (key: string) => facts.timeline.filter((e) => e.key === key).map((e) => `${e.day}:${e.kind}`);
    expect(kinds('D')).toEqual(['2:added', '4:removed']);
    expect(kinds('G')).toEqual(['3:done', '4:reopened', '7:done']);
    expect(kinds('B')).toEqual(['3:reestimated']);
    expect(facts.timeline.every((e, i, xs) => i === 0 || xs[i - 1].at <= e.at)).toBe(true);
  });

  test('the active sprint is measured up to now', () => {
    const active = { ...sprint, state: 'active' as const, completeDate: undefined };
    const now = T0 + 4.5 * D;
    const f = computeSprintFacts(board, active, issues, now);
    expect(f.window).toEqual({ start: T0, end: now, isFinal: false });
    const b = f.issues.find((x) => x.key === 'B')!;
    expect(b.outcome).toBe('notCompleted');
    expect(b.ageDays).toBe(0.5); // started day 4
    expect(f.issues.find((x) => x.key === 'E')!.outcome).toBe('notCompleted'); // not yet moved out on day 4.5
  });

  test('issue-count boards count issues, time boards count hours', () => {
    const byCount = computeSprintFacts({ ...board, estimation: { kind: 'issueCount' } }, sprint, issues, END);
    expect(byCount.unit).toBe('issues');
    expect(byCount.totals.committed.estimate).toBe(7);
    expect(byCount.totals.completed.estimate).toBe(5);
    const timeBoard = { ...board, estimation: { kind: 'field' as const, fieldId: 'timeoriginalestimate', label: 'Original estimate' } };
    const hours = computeSprintFacts(timeBoard, sprint, [issue('T', { sprint: '7', estimate: '7200', status: DONE }, [[-1, 'sprint', null, '7'], [2, 'status', TODO, DONE]])], END);
    expect(hours.unit).toBe('hours');
    expect(hours.totals.completed.estimate).toBe(2);
  });

  test('a sprint that has not started has no facts', () => {
    expect(() => computeSprintFacts(board, { id: 9, name: 'Next', state: 'future', goal: '' }, issues, END)).toThrow(SprintNotStartedError);
  });
});

describe('properties over random sprint histories', () => {
  const statusArb = fc.constantFrom(TODO, DOING, DONE);
  const sprintArb = fc.constantFrom<string | null>(null, '7', '6, 7', '8', '7, 8');
  const changeArb = fc.tuple(fc.integer({ min: -5, max: 14 }), fc.constantFrom<TrackedField>('sprint', 'estimate', 'status', 'flagged'));
  const issueArb = fc.record({
    created: fc.integer({ min: -10, max: 9 }),
    changes: fc.array(changeArb, { maxLength: 8 }),
    sprints: fc.array(sprintArb, { minLength: 9, maxLength: 9 }),
    statuses: fc.array(statusArb, { minLength: 9, maxLength: 9 }),
    estimates: fc.array(fc.integer({ min: 0, max: 13 }), { minLength: 9, maxLength: 9 }),
  }).map((r, ) => {
    // Build a consistent chain: each change's `from` is the previous value of that field.
    const values: Record<TrackedField, (string | null)[]> = {
      sprint: r.sprints, status: r.statuses, estimate: r.estimates.map(String), flagged: r.sprints.map((s, i) => (i % 2 ? 'Impediment' : null)),
    };
    const cursor: Record<TrackedField, number> = { sprint: 0, status: 0, estimate: 0, flagged: 0 };
    const sorted = [...r.changes].sort((a, b) => a[0] - b[0]).filter(([d]) => d >= r.created);
    const changes: Change[] = sorted.map(([d, f]) => { const from = values[f][cursor[f]]; cursor[f] = Math.min(cursor[f] + 1, 8); return [d, f, from, values[f][cursor[f]]]; });
    const current = Object.fromEntries((Object.keys(values) as TrackedField[]).map((f) => [f, values[f][cursor[f]]])) as Record<TrackedField, string | null>;
    return issue(`R-${++n}`, current, changes, { created: iso(T0 + r.created * D) });
  });

  test('committed + added − removed = completed + not completed + completed outside (counts)', () => {
    fc.assert(fc.property(fc.array(issueArb, { maxLength: 25 }), (issues) => {
      const f = computeSprintFacts(board, sprint, issues, END);
      const t = f.totals;
      expect(t.committed.count + t.added.count - t.removed.count).toBe(t.completed.count + t.notCompleted.count + t.completedOutside.count);
      expect(new Set(f.issues.map((i) => i.key)).size).toBe(f.issues.length);
      if (f.metrics.sayDo !== null) expect(f.metrics.sayDo).toBeLessThanOrEqual(1);
      expect(f.burndown[0].scope).toBeCloseTo(t.committed.estimate);
    }), { numRuns: 300 });
  });
});
