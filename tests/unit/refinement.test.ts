import { adfText, checkItem, DEFAULT_DOR, effectiveSplitThreshold, hasAcceptanceCriteria, refinementHealth, type BacklogItem } from '../../src/domain/readiness';
import { derivedValue, rankPlan, suggestOrder, valueForEffort, wsjf } from '../../src/domain/prioritisation';
import { quadrant, stakeholderInsights, stakeholderPrompts, type Stakeholder } from '../../src/domain/stakeholders';
import type { SprintFacts } from '../../src/domain/sprintFacts';
import { en, nl } from '../support/i18n';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const long = 'People re-enter the same data every week by hand, which causes mistakes that support fixes later.';

const item = (key: string, over: Partial<BacklogItem> = {}): BacklogItem => ({
  id: key, key, summary: key, type: 'Story', created: '2026-09-01T00:00:00Z', updated: '2026-11-01T00:00:00Z', reporterId: null,
  estimate: 3, description: doc(para(long), { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Acceptance criteria' }] }, para('It works')),
  parentKey: 'E-1', blockedBy: [], ...over,
});

describe('Definition of Ready', () => {
  test('acceptance criteria are found as a heading, Given/When/Then (English or Dutch) or a checklist', () => {
    expect(hasAcceptanceCriteria(item('A').description)).toBe(true);
    expect(hasAcceptanceCriteria(doc(para('Given a cart, when I pay, then I get a receipt')))).toBe(true);
    expect(hasAcceptanceCriteria(doc(para('Gegeven een winkelwagen, als ik betaal, dan krijg ik een bon')))).toBe(true);
    expect(hasAcceptanceCriteria(doc({ type: 'taskList', content: [{ type: 'taskItem', content: [{ type: 'text', text: 'x' }] }] }))).toBe(true);
    expect(hasAcceptanceCriteria(doc(para('Make it nicer')))).toBe(false);
    expect(hasAcceptanceCriteria(null)).toBe(false);
    expect(adfText(doc(para('a'), para('b')))).toBe('a\nb');
  });

  test('each check passes or says why not', () => {
    const ok = checkItem(item('A'), DEFAULT_DOR, { splitAt: 13, stakeholderLinked: true, now: NOW });
    expect(ok.ready).toBe(true);
    const bad = checkItem(item('B', { description: null, estimate: 21, parentKey: null, updated: '2026-01-01T00:00:00Z', blockedBy: ['X-9'] }), DEFAULT_DOR, { splitAt: 13, stakeholderLinked: false, now: NOW });
    expect(bad.ready).toBe(false);
    expect(bad.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['description', 'acceptanceCriteria', 'size', 'parent', 'fresh', 'unblocked', 'stakeholder']);
    expect(en(bad.checks.find((c) => c.id === 'unblocked')!.detail)).toBe('Blocked by X-9');
    expect(nl(bad.checks.find((c) => c.id === 'unblocked')!.detail)).toBe('Geblokkeerd door X-9');
  });

  test('split threshold falls back to half the average velocity of the last 3 sprints', () => {
    expect(effectiveSplitThreshold({ ...DEFAULT_DOR, splitThreshold: null }, [10, 30, 20, 40])).toBe(15);
    expect(effectiveSplitThreshold({ ...DEFAULT_DOR, splitThreshold: null }, [])).toBeNull();
  });

  test('ready runway counts ready work from the top until the first item that is not ready', () => {
    const items = [item('A', { estimate: 5 }), item('B', { estimate: 8 }), item('C', { estimate: null }), item('D', { estimate: 3 })];
    const readiness = items.map((i) => checkItem(i, DEFAULT_DOR, { splitAt: 13, stakeholderLinked: true, now: NOW }));
    const h = refinementHealth(items, readiness, [20, 26, 20], 13, NOW);
    expect(h.readyRunwayEstimate).toBe(13);
    expect(h.readyRunwaySprints).toBeCloseTo(0.6);
    expect(h.readyCount).toBe(3);
    expect(h.oldestUnrefined.map((o) => o.key)).toEqual(['C']);
  });
});

describe('prioritisation', () => {
  test('WSJF and value for effort, with value derived from weighted stakeholders', () => {
    expect(wsjf({ value: 8, timeCriticality: 5, riskReduction: 3, jobSize: 4 }, null)).toBe(4);
    expect(wsjf({ timeCriticality: 5, riskReduction: 3, jobSize: 4 }, null)).toBeNull();
    expect(valueForEffort({ effort: 2 }, 7)).toBe(3.5);
    // A powerful sponsor's 9 outweighs a low-influence 1: weights (2·5+5)/15 = 1 and (2·1+1)/15 = 0.2 → (9 + 0.2)/1.2.
    expect(derivedValue([{ value: 9, stakeholder: { power: 5, interest: 5 } }, { value: 1, stakeholder: { power: 1, interest: 1 } }])).toBe(7.7);
    expect(derivedValue([])).toBeNull();
  });

  test('suggested order puts scored items first by score and leaves unscored ones in place after them', () => {
    const r = suggestOrder([{ key: 'A', score: 1 }, { key: 'B', score: null }, { key: 'C', score: 5 }, { key: 'D', score: 5 }]);
    expect(r.map((x) => x.key)).toEqual(['C', 'D', 'A', 'B']);
    expect(r.find((x) => x.key === 'C')!.moved).toBe(2);
    expect(r.find((x) => x.key === 'B')!.moved).toBe(-2);
  });

  test('rank plan: first item before the current top, then chunks of at most 50, never relative to itself', () => {
    const order = Array.from({ length: 120 }, (_, i) => `K-${i}`);
    const plan = rankPlan(order, 'K-7');
    expect(plan[0]).toEqual({ issues: ['K-0'], rankBeforeIssue: 'K-7' });
    expect(plan.slice(1).map((p) => p.issues.length)).toEqual([50, 50, 19]);
    expect(plan[2].rankAfterIssue).toBe('K-50');
    for (const p of plan) expect(p.issues).not.toContain(p.rankAfterIssue ?? p.rankBeforeIssue);
    expect(rankPlan(['K-7', 'K-1'], 'K-7')).toEqual([{ issues: ['K-1'], rankAfterIssue: 'K-7' }]);
  });
});

describe('stakeholders', () => {
  const s = (id: string, power: number, interest: number, accountId: string | null = null, lastContact: string | null = '2026-11-01'): Stakeholder =>
    ({ id, accountId, name: id, role: '', power, interest, attitude: 'neutral', notes: '', lastContact });
  const facts = (issues: Partial<SprintFacts['issues'][number]>[]): SprintFacts => ({ sprint: { name: 'S1' }, issues } as unknown as SprintFacts);

  test('quadrants on 1–5 scales, 3 and up counting as high', () => {
    expect([quadrant({ power: 5, interest: 5 }), quadrant({ power: 3, interest: 1 }), quadrant({ power: 2, interest: 4 }), quadrant({ power: 1, interest: 2 })])
      .toEqual(['manageClosely', 'keepSatisfied', 'keepInformed', 'monitor']);
  });

  test('delivery balance, neglected high-power stakeholders, back-door requests and stale contact', () => {
    const people = [s('Sales', 5, 5, 'acc-sales'), s('Support', 3, 5, null, '2026-08-01'), s('Finance', 5, 2), s('Ops', 1, 1)];
    const links = [{ stakeholderId: 'Support', issueKey: 'P-2', relation: 'asked' as const, statedValue: 5 }];
    const sprints = [facts([
      { key: 'P-1', reporterId: 'acc-sales', outcome: 'completed', estimateAtEnd: 8, added: false },
      { key: 'P-2', reporterId: null, outcome: 'completed', estimateAtEnd: 2, added: false },
      { key: 'P-3', reporterId: 'acc-sales', outcome: 'notCompleted', estimateAtEnd: 3, added: true },
    ])];
    const ins = stakeholderInsights(people, links, sprints, NOW);
    expect(ins.map((i) => [i.stakeholderId, i.delivered])).toEqual([['Sales', 8], ['Support', 2], ['Finance', 0], ['Ops', 0]]);
    expect(ins[0].backDoor).toEqual([{ key: 'P-3', sprint: 'S1' }]);
    const ids = stakeholderPrompts(people, ins, 1).map((p) => p.id);
    expect(ids).toEqual(['balance', 'backdoor-Sales', 'contact-Support', 'neglected-Finance']);
    for (const p of stakeholderPrompts(people, ins, 1)) { expect(en(p.text)).toMatch(/\?$/); expect(nl(p.text)).toMatch(/\?$/); }
  });

  test('repeated back-door requests from several stakeholders raise the mandate question', () => {
    const people = [s('A', 4, 4, 'acc-a'), s('B', 4, 4, 'acc-b')];
    const added = (key: string, reporterId: string) => ({ key, reporterId, outcome: 'completed', estimateAtEnd: 1, added: true });
    const ins = stakeholderInsights(people, [], [facts([added('P-1', 'acc-a'), added('P-2', 'acc-a'), added('P-3', 'acc-b')] as never)], NOW);
    const mandate = stakeholderPrompts(people, ins, 1).find((p) => p.id === 'mandate')!;
    expect(en(mandate.text)).toMatch(/^3 requests from 2 stakeholders/);
    expect(nl(mandate.text)).toMatch(/^3 verzoeken van 2 stakeholders/);
    expect(stakeholderPrompts(people.slice(0, 1), ins.slice(0, 1), 1).some((p) => p.id === 'mandate')).toBe(false);
  });
});
