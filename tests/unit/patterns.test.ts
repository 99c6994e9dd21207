import { coefficientOfVariation, detectPatterns, keywords, recurringThemes, runs, seriesCsv, xmr, type SprintPoint } from '../../src/domain/patterns';
import { en, nl } from '../support/i18n';

const point = (i: number, values: Partial<SprintPoint['values']>): SprintPoint => ({
  sprintId: i, sprintName: `S${i}`, end: Date.UTC(2026, 0, 1 + 14 * i), final: true,
  values: { sayDo: null, scopeChange: null, carryOver: null, throughput: null, cycleTimeP50: null, cycleTimeP85: null, velocity: null, bugShare: null, unplannedShare: null, ...values },
});

test('XmR limits are mean ± 2.66 × average moving range, and flag the point outside', () => {
  const limits = xmr([10, 12, 11, 13, 12, 11, 40, 12])!;
  const mean = (10 + 12 + 11 + 13 + 12 + 11 + 40 + 12) / 8;
  const mr = (2 + 1 + 2 + 1 + 1 + 29 + 28) / 7;
  expect(limits.mean).toBeCloseTo(mean);
  expect(limits.upper).toBeCloseTo(mean + 2.66 * mr);
  expect(xmr([10, 12, 11, 13, 12, 11, 12, 11, 12, 11, 12, 60])!.outside).toEqual([11]);
  expect(xmr([1, 2, null])).toBeNull();
  expect(xmr([0.1 + 0.2, 0.3, 0.1 + 0.2, 0.3, 0.3])).toBeNull(); // no variation, and no rounding noise posing as a signal
});

test('runs of 3 or more moves the same way', () => {
  expect(runs([1, 2, 3, 4, 2, 1])).toEqual([{ from: 0, to: 3, direction: 'up' }]);
  expect(runs([5, 4, 3, 2, 1])).toEqual([{ from: 0, to: 4, direction: 'down' }]);
  expect(runs([1, 2, 3, 3, 4])).toEqual([]);
  expect(runs([1, 2, null, 3, 4, 5, 6])).toEqual([{ from: 3, to: 6, direction: 'up' }]);
});

test('coefficient of variation', () => {
  expect(coefficientOfVariation([10, 10, 10])).toBe(0);
  expect(coefficientOfVariation([20, 30, 40])).toBeCloseTo(10 / 30);
});

test('keywords fold case, accents and plurals, and drop English and Dutch stop words', () => {
  expect(keywords('The deployments were too slow, and the reviews too!')).toEqual(['deployment', 'slow', 'review']);
  expect(keywords('De reviews duren te lang en de builds zijn traag')).toEqual(['review', 'dur', 'lang', 'build', 'traag']); // the -en rule stems verbs too: consistent, which is all matching needs
});

test('recurring themes across retros; stuck unless a finished action addressed them', () => {
  const retro = (n: number, texts: string[], doneActions: string[] = []) => ({ retroId: `r${n}`, sprintId: n, sprintName: `S${n}`, texts, doneActions });
  const themes = recurringThemes([
    retro(1, ['Reviews take days', 'Good pairing']),
    retro(2, ['Waiting for review again']),
    retro(3, ['De review duurt te lang', 'Pairing helped'], ['Pair on reviews every morning']),
    retro(4, ['Deploys failed'], []),
  ]);
  expect(themes.map((t) => [t.word, t.retros.length, t.stuck])).toEqual([['review', 3, false]]);
  const stuck = recurringThemes([retro(1, ['Deploys failed']), retro(2, ['deploy failed again']), retro(3, ['failed deploy'])]);
  expect(stuck.map((t) => [t.word, t.related, t.stuck])).toEqual([['deploy', ['failed'], true]]); // equal length: alphabetical
});

test('patterns: outside limits, runs, stuck themes, themes shared by teams — each a question with evidence', () => {
  const series = [0.9, 0.85, 0.88, 0.9, 0.87, 0.89, 0.2, 0.88].map((v, i) => point(i, { sayDo: v }));
  const theme = (word: string) => ({ word, related: [], retros: [1, 2, 3].map((n) => ({ retroId: `r${n}`, sprintName: `S${n}`, examples: [`${word} hurt`] })), stuck: true });
  const patterns = detectPatterns([
    { team: 'Harbor', series, themes: [theme('deploy')] },
    { team: 'Falcon', series: [1, 2, 3, 4].map((v, i) => point(i, { scopeChange: v / 10 })), themes: [theme('deploy')] },
  ]);
  const kinds = patterns.map((p) => `${p.kind}:${p.teams.join('+')}`);
  expect(kinds).toContain('outside-limits:Harbor');
  expect(kinds).toContain('run:Falcon');
  expect(kinds).toContain('recurring-theme:Harbor');
  expect(kinds).toContain('cross-team-theme:Harbor+Falcon');
  const org = patterns.find((p) => p.kind === 'cross-team-theme')!;
  expect(org).toMatchObject({ stance: 'transformation mastery', pillar: 'transparency' });
  for (const p of patterns) { expect(en(p.question)).toMatch(/\?$/); expect(nl(p.question)).toMatch(/\?$/); expect(p.evidence.length).toBeGreaterThan(0); }
  expect(en(patterns.find((p) => p.kind === 'outside-limits')!.question)).toMatch(/^Say\/do was 20% in S6, beyond the usual/);
  expect(nl(patterns.find((p) => p.kind === 'run')!.question)).toMatch(/^Het valt me op dat de scopewijziging steeg van S0 tot S3/);
  expect(patterns[0].kind).toBe('cross-team-theme'); // the organisation-level question first
});

test('the sprint in progress is never compared with finished ones', () => {
  const series = [10, 11, 10, 11, 10, 11, 10].map((v, i) => point(i, { throughput: v }));
  series.push({ ...point(7, { throughput: 0 }), final: false });
  expect(detectPatterns([{ team: 'T', series, themes: [] }])).toEqual([]);
  series[7] = { ...series[7], final: true };
  expect(detectPatterns([{ team: 'T', series, themes: [] }]).map((p) => p.kind)).toEqual(['outside-limits']);
});

test('a run that ended long ago is history, not a pattern to raise now', () => {
  const old = [1, 2, 3, 4, 3, 4, 3, 4, 3].map((v, i) => point(i, { throughput: v }));
  expect(detectPatterns([{ team: 'T', series: old, themes: [] }]).filter((p) => p.kind === 'run')).toEqual([]);
});

test('CSV export has one row per team and sprint', () => {
  const csv = seriesCsv([{ team: 'Harbor, Inc', series: [point(1, { sayDo: 0.5, throughput: 7 })] }]);
  expect(csv.split('\n')[0]).toBe('team,sprint,end,sayDo,scopeChange,carryOver,throughput,cycleTimeP50,cycleTimeP85,velocity,bugShare,unplannedShare');
  expect(csv.split('\n')[1]).toBe('"Harbor, Inc",S1,2026-01-15,0.5,,,7,,,,,');
});
