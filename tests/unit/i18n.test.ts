import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/harness';
import { en, LOCALES, localeKeys, lookup, nl, placeholders, reader, unfilled } from '../support/i18n';
import { PHASES, retroMarkdown, smartHints, type RetroRecords } from '../../src/domain/retro';
import { BUILT_IN_FORMATS, columnHint, columnTitle, formatName, type Pillar } from '../../src/domain/retroFormats';
import { FACILITATION_TIPS, refinementPrompts, retroPrompts } from '../../src/domain/prompts';
import { detectPatterns, METRICS, metricLabel, type SprintPoint, type Stance } from '../../src/domain/patterns';
import { checkItem, DEFAULT_DOR } from '../../src/domain/readiness';
import { SCORE_FIELDS } from '../../src/domain/prioritisation';
import { quadrantTitle, stakeholderInsights, stakeholderPrompts, type Quadrant } from '../../src/domain/stakeholders';
import type { Message } from '../../src/domain/message';
import type { SprintFacts } from '../../src/domain/sprintFacts';
import { SUPPORTED_LOCALES } from '../../src/resolvers/locale';
import { OUTCOME } from '../../static/app/src/views/outcome';

const sources = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [readFileSync(p, 'utf8')] : [];
});
/** Both forms of every `plural(n, 'key')` (or `plural(n, cond ? 'a' : 'b')`) in a source. */
const pluralKeys = (src: string) => [...src.matchAll(/\bplural\([^,]+,\s*(?:[^'?]+\?\s*)?'([a-zA-Z0-9_.-]+)'(?:\s*:\s*'([a-zA-Z0-9_.-]+)')?/g)]
  .flatMap((m) => [m[1], m[2]].filter(Boolean).flatMap((base) => [`${base}.one`, `${base}.other`]));
const missingIn = (used: Iterable<string>) => LOCALES.map((locale) => ({ locale, missing: [...new Set(used)].filter((k) => lookup(locale, k) === undefined) }));
const noneMissing = LOCALES.map((locale) => ({ locale, missing: [] }));

test('the locales the backend renders are the ones the manifest declares and the app ships', () => {
  const manifest = readFileSync(join(ROOT, 'manifest.yml'), 'utf8');
  const declared = [...manifest.matchAll(/- key: ([\w-]+)\s+path: locales\/([\w-]+)\.json/g)].map((m) => { expect(m[2]).toBe(m[1]); return m[1]; });
  expect(declared.sort()).toEqual([...SUPPORTED_LOCALES].sort());
  expect(readdirSync(join(ROOT, 'locales')).map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...LOCALES].sort());
});

test('English and Dutch have exactly the same keys, none empty, with the same placeholders', () => {
  const enKeys = localeKeys('en-US').sort();
  expect(localeKeys('nl-NL').sort()).toEqual(enKeys);
  for (const key of enKeys) {
    const [e, n] = [lookup('en-US', key)!, lookup('nl-NL', key)!];
    expect({ key, empty: n.trim() === '' || e.trim() === '' }).toEqual({ key, empty: false });
    expect({ key, placeholders: placeholders(n) }).toEqual({ key, placeholders: placeholders(e) });
  }
});

test('the UI has no words of its own: no text or label in the views that bypasses t()', () => {
  const ALLOWED = new Set(['WSJF']); // a method's name, the same in every language
  const found: string[] = [];
  for (const src of sources(join(ROOT, 'static', 'app', 'src'))) {
    for (const m of src.matchAll(/>([^<>{}]*[A-Za-z]{2,}[^<>{}]*)<\//g)) if (!ALLOWED.has(m[1].trim())) found.push(m[1].trim());
    for (const m of src.matchAll(/\b(?:label|title|placeholder|aria-label|caption|alt|hint)="([^"]*[A-Za-z]{2,}[^"]*)"/g)) found.push(m[1]);
    for (const m of src.matchAll(/\b(?:label|title|content|placeholder):\s*'([^']*[A-Za-z]{2,}[^']*)'/g)) found.push(m[1]);
  }
  expect(found).toEqual([]);
});

test('every key the UI names exists in both locales, including the ones it builds at run time', () => {
  const used = new Set<string>();
  for (const src of sources(join(ROOT, 'static', 'app', 'src'))) {
    for (const m of src.matchAll(/\bt\('([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
    for (const base of pluralKeys(src)) used.add(base);
  }
  expect(used.size).toBeGreaterThan(250);
  // Keys built from data: one per value of a closed set.
  const pillars: Record<Pillar, true> = { transparency: true, inspection: true, adaptation: true };
  const stances: Record<Stance, true> = { teaching: true, mentoring: true, coaching: true, facilitating: true, 'business mastery': true, 'transformation mastery': true };
  const events: Record<Exclude<SprintFacts['timeline'][number]['kind'], 'unflagged'>, true> = { added: true, removed: true, done: true, reopened: true, flagged: true, reestimated: true };
  const units: Record<SprintFacts['unit'], true> = { points: true, hours: true, issues: true };
  for (const p of PHASES) used.add(`retro.phase.${p}`);
  for (const o of Object.values(OUTCOME)) used.add(o.text);
  for (const p of Object.keys(pillars)) used.add(`pillar.${p}`);
  for (const s of Object.keys(stances)) used.add(`stance.${s.replace(' ', '_')}`);
  for (const e of Object.keys(events)) used.add(`board.event.${e}`);
  for (const u of Object.keys(units)) used.add(`unitShort.${u}`);
  for (const f of SCORE_FIELDS) used.add(`refine.scoreField.${f}`);
  expect(missingIn(used)).toEqual(noneMissing);
});

test('every key the backend names (domain, Jira, resolvers) exists in both locales (plural keys in both forms)', () => {
  const used: string[] = [];
  for (const src of ['domain', 'jira', 'resolvers'].flatMap((dir) => sources(join(ROOT, 'src', dir)))) {
    for (const m of src.matchAll(/\bmsg\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.push(m[1]);
    used.push(...pluralKeys(src));
  }
  expect(used.length).toBeGreaterThan(150);
  const pillarsAndUnits = (['points', 'hours', 'issues'] as const).map((u) => `unit.${u}`);
  const quadrants: Quadrant[] = ['manageClosely', 'keepSatisfied', 'keepInformed', 'monitor'];
  const dynamic = [
    ...pillarsAndUnits,
    ...METRICS.flatMap((m) => [metricLabel(m).key, metricLabel(m, true).key]),
    ...quadrants.map((q) => quadrantTitle(q).key),
    ...['up', 'down'].flatMap((d) => [`patterns.run.title.${d}`, `patterns.run.question.${d}`]),
    ...BUILT_IN_FORMATS.flatMap((f) => [formatName(f).key, ...f.columns.flatMap((c) => [columnTitle(f, c).key, columnHint(f, c).key])]),
  ];
  expect(missingIn([...used, ...dynamic])).toEqual(noneMissing);
});

test('built-in formats read the same in English as the words a stored retro keeps', () => {
  for (const f of BUILT_IN_FORMATS) {
    expect(en(formatName(f))).toBe(f.name);
    for (const c of f.columns) expect([en(columnTitle(f, c)), en(columnHint(f, c))]).toEqual([c.title, c.hint]);
  }
  // A team's own format is shown as written, in every language.
  const own = { id: 'custom-1', name: 'Hot air balloon', custom: true, columns: [{ id: 'c1', title: 'Sandbags', hint: '' }] };
  expect([nl(formatName(own)), nl(columnTitle(own, own.columns[0]))]).toEqual(['Hot air balloon', 'Sandbags']);
});

/** Every message the domain can produce, from inputs that trigger each prompt, hint and check. */
function everyDomainMessage(): Message[] {
  const NOW = Date.parse('2026-06-01T00:00:00Z'), D = 86_400_000;
  const facts = {
    unit: 'points', sprint: { id: 1, name: 'S1', goal: '' }, window: { start: NOW - 10 * D, end: NOW, isFinal: true },
    metrics: { scopeChange: 0.5, sayDo: 0.4, unplannedShare: 0.4, bugShare: 0.5, throughput: 6, cycleTimeP50: 2, cycleTimeP85: 9 },
    totals: { added: { count: 3, estimate: 8 }, removed: { count: 1, estimate: 2 }, committed: { count: 5, estimate: 20 }, completedCommitted: { estimate: 8 }, notCompleted: { count: 2 }, unestimatedCommitted: 2 },
    burndown: [{ at: NOW - 10 * D, scope: 20 }, { at: NOW - 7 * D, scope: 28 }],
    issues: [{ key: 'H-1', flaggedHours: 50 }, { key: 'H-2', flaggedHours: 30 }],
  } as unknown as SprintFacts;
  const oneOfEach = (n: number) => [1, n];
  const prompts = [
    ...oneOfEach(3).flatMap((n) => retroPrompts({ ...facts, totals: { ...facts.totals, unestimatedCommitted: n }, issues: facts.issues.slice(0, n > 1 ? 2 : 1) } as SprintFacts,
      Array.from({ length: n }, (_, i) => ({ text: `a${i}`, issueKey: i ? null : 'H-9', sprintsOpen: i + 1 })))),
    ...retroPrompts({ ...facts, burndown: [{ at: NOW - 10 * D, scope: 20 }] } as unknown as SprintFacts, [{ text: 'x', issueKey: null, sprintsOpen: 3 }]),
    ...[0.5, 1, 5].flatMap((runway) => oneOfEach(2).flatMap((n) => refinementPrompts({ readyRunwaySprints: runway, readyRunwayEstimate: 8, tooBig: Array.from({ length: n }, (_, i) => ({ key: `H-${i}`, estimate: 20 })), oldestUnrefined: [{ key: 'H-5', ageDays: 200 }] }))),
  ];
  const s = (id: string, power: number, accountId: string | null, lastContact: string | null) => ({ id, accountId, name: id, role: '', power, interest: 4, attitude: 'neutral' as const, notes: '', lastContact });
  const people = [s('Sales', 5, 'acc-s', null), s('Support', 3, 'acc-p', '2026-01-01'), s('Finance', 5, null, '2026-05-30'), s('Ops', 2, 'acc-o', null)];
  const added = (key: string, reporterId: string | null, outcome = 'completed') => ({ key, reporterId, outcome, estimateAtEnd: 5, added: true });
  const sprintFacts = [{ sprint: { name: 'S1' }, issues: [added('P-1', 'acc-s'), added('P-2', 'acc-s'), added('P-3', 'acc-p'), added('P-4', 'acc-o', 'notCompleted')] }] as unknown as SprintFacts[];
  const stakeholder = stakeholderPrompts(people, stakeholderInsights(people, [], sprintFacts, NOW), 1);
  const point = (i: number, v: number, final = true): SprintPoint => ({ sprintId: i, sprintName: `S${i}`, end: i, final, values: Object.fromEntries(METRICS.map((m) => [m, m === 'sayDo' || m === 'velocity' ? v : null])) as SprintPoint['values'] });
  const theme = (word: string) => ({ word, related: [], retros: [1, 2, 3].map((n) => ({ retroId: `r${n}`, sprintName: `S${n}`, examples: [`${word} hurt`] })), stuck: true });
  const patterns = detectPatterns([
    { team: 'A', series: [0.9, 0.85, 0.88, 0.9, 0.87, 0.89, 0.2, 0.88].map((v, i) => point(i, v)), themes: [theme('deploy')] },
    { team: 'B', series: [0.1, 0.2, 0.3, 0.4, 0.3, 0.2, 0.1].map((v, i) => point(i, v)), themes: [theme('deploy')] },
  ]);
  expect(new Set(patterns.map((p) => p.kind))).toEqual(new Set(['outside-limits', 'run', 'recurring-theme', 'cross-team-theme']));
  const item = { id: '1', key: 'H-1', summary: 's', type: 'Story', created: '2026-01-01', updated: '2026-01-01', reporterId: null, parentKey: null, blockedBy: [] };
  const checks = [
    checkItem({ ...item, description: null, estimate: null }, DEFAULT_DOR, { splitAt: null, stakeholderLinked: false, now: NOW }),
    checkItem({ ...item, description: 'short', estimate: 40, parentKey: 'H-0', blockedBy: ['H-2'] }, DEFAULT_DOR, { splitAt: 13, stakeholderLinked: true, now: NOW }),
  ].flatMap((r) => r.checks.map((c) => c.detail));
  expect(new Set(prompts.map((p) => p.id)).size).toBeGreaterThanOrEqual(12);
  expect(new Set(stakeholder.map((p) => p.id.replace(/-.*/, '')))).toEqual(new Set(['balance', 'mandate', 'neglected', 'backdoor', 'contact']));
  return [
    ...[...prompts, ...stakeholder].flatMap((p) => [p.text, ...p.evidence]),
    ...patterns.flatMap((p) => [p.title, p.question, ...p.evidence]),
    ...Object.values(FACILITATION_TIPS).flat(),
    ...smartHints({ text: 'x', ownerId: null, measure: '', dueSprintId: null }),
    ...checks,
  ];
}

test('every message the domain produces renders in English and Dutch with all its placeholders filled', () => {
  const messages = everyDomainMessage();
  expect(new Set(messages.map((m) => m.key)).size).toBeGreaterThan(60);
  for (const locale of LOCALES) {
    for (const m of messages) expect({ key: m.key, locale, unfilled: unfilled(m, locale) }).toEqual({ key: m.key, locale, unfilled: [] });
  }
  // Dutch readers get Dutch: a prompt renders differently, yet the evidence's numbers are the same.
  const sample = messages.find((m) => m.key === 'prompt.scopeChange.fromDay')!;
  expect(en(sample)).toMatch(/^I notice scope changed by 50%, growing from day 4/);
  expect(nl(sample)).toMatch(/^Het valt me op dat de scope 50% veranderde en vanaf dag 4 groeide/);
});

test('the retro summary speaks the reader’s language; the team’s own words stay as written', () => {
  const retro = {
    id: 'r1', boardId: 1, projectKey: 'H', sprintId: 1, sprintName: 'Sprint 9', format: BUILT_IN_FORMATS.find((f) => f.id === 'start-stop-continue')!,
    facilitatorId: 'a', phase: 'close', anonymous: true, voteBudget: 3, votesRevealed: true, createdAt: 1, createdBy: 'a',
  } as const;
  const records: RetroRecords = {
    retro: { ...retro }, themes: [{ id: 't1', title: 'Flow', createdAt: 1 }], safety: [], checkins: [], roti: [{ accountId: 'a', score: 4 }],
    cards: [{ id: 'c1', columnId: 'stop', text: 'Late merges', authorId: 'a', themeId: null, createdAt: 1 }, { id: 'c2', columnId: 'start', text: 'Smaller stories', authorId: 'a', themeId: 't1', createdAt: 2 }],
    votes: [{ voterId: 'a', slot: 0, cardId: 'c1' }],
    actions: [{ id: 'x', text: 'Merge daily', ownerId: 'a', measure: 'no merge older than a day', dueSprintId: null, issueKey: 'H-7', done: false, createdAt: 1, retroId: 'r1' }],
  };
  const facts = { unit: 'points' as const, committed: 20, completed: 18.5, scopeChange: 0.1, sayDo: null };
  const markdown = (locale: (typeof LOCALES)[number]) => retroMarkdown(records, facts, () => 'Amira', reader(locale));
  expect(markdown('en-US')).toContain('## Stop\n\n- Late merges (1 vote)');
  expect(markdown('en-US')).toContain('- [ ] Merge daily — Amira — measure: no merge older than a day (H-7)');
  const dutch = markdown('nl-NL');
  expect(dutch).toContain('Werkvorm: Start, Stop, Doorgaan');
  expect(dutch).toContain("## Thema's\n\n- **Flow** (0 stemmen)\n  - Smaller stories");
  expect(dutch).toContain('- Toegezegd: 20 pt\n- Afgerond: 18,5 pt\n- Scopewijziging: 10%\n- Zeggen/doen: —');
  expect(markdown('en-US')).toContain('- Completed: 18.5 pts');
  expect(dutch).toContain('- Late merges (1 stem)');
  expect(dutch).toContain('## Acties\n\n- [ ] Merge daily — Amira — meting: no merge older than a day (H-7)');
  expect(dutch).toContain('Return on time invested: 4 / 5 van 1 persoon.');
});
