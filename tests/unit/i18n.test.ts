import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/harness';
import { PHASES } from '../../src/domain/retro';
import { OUTCOME } from '../../static/app/src/views/outcome';

const load = (locale: string) => JSON.parse(readFileSync(join(ROOT, 'locales', `${locale}.json`), 'utf8'));
const flatten = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
const sources = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [readFileSync(p, 'utf8')] : [];
});

test('English and Dutch have exactly the same keys, none empty', () => {
  const en = load('en-US'), nl = load('nl-NL');
  expect(flatten(nl).sort()).toEqual(flatten(en).sort());
  for (const key of flatten(nl)) expect(key.split('.').reduce((o: any, k) => o[k], nl)).not.toBe('');
});

test('every translation key the UI uses exists in both locales', () => {
  const used = new Set<string>();
  for (const src of sources(join(ROOT, 'static', 'app', 'src'))) {
    for (const m of src.matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
  }
  // Keys built at run time: one per retro phase and per sprint outcome.
  for (const p of PHASES) used.add(`retro.phase.${p}`);
  for (const o of Object.values(OUTCOME)) used.add(o.text);
  expect(used.size).toBeGreaterThan(50);
  for (const locale of ['en-US', 'nl-NL']) {
    const keys = new Set(flatten(load(locale)));
    expect({ locale, missing: [...used].filter((k) => !keys.has(k)) }).toEqual({ locale, missing: [] });
  }
});
