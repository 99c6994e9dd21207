/**
 * The `__LOCALES__` bundle Forge publishes from the manifest's `translations`: `i18n-info.json` plus
 * one file per locale. The host serves it to Custom UI (read by @forge/bridge's i18n) and places it
 * in the function's code directory (read by @forge/api's i18n, for text the backend writes to Jira).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCALES_DIR = join(__dirname, '..', '..', 'locales');

/** File name → contents of the bundle, read fresh (so an edited translation shows on reload). */
export function localeBundle(): Map<string, string> {
  const locales = readdirSync(LOCALES_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  const files = new Map<string, string>([['i18n-info.json', JSON.stringify({ translations: {}, config: { locales, fallback: { default: 'en-US' } } })]]);
  for (const locale of locales) files.set(`${locale}.json`, readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8'));
  return files;
}

let codeDir: string | undefined;

/**
 * A function code directory holding the bundle, as Forge deploys it next to the app's code. One per
 * process: @forge/api keeps translations it has read for the life of the process anyway.
 */
export function appCodeDirWithLocales(): string {
  if (codeDir) return codeDir;
  codeDir = mkdtempSync(join(tmpdir(), 'scrum-coach-app-'));
  mkdirSync(join(codeDir, '__LOCALES__'));
  for (const [file, text] of localeBundle()) writeFileSync(join(codeDir, '__LOCALES__', file), text);
  return codeDir;
}
