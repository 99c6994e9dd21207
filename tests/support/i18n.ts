/** Render domain Messages as a reader would see them, from the app's own locale files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { numberFormat, render, type Message, type Reader } from '../../src/domain/message';
import { ROOT } from './harness';

export const LOCALES = ['en-US', 'nl-NL'] as const;
export type Locale = (typeof LOCALES)[number];

const cache = new Map<Locale, Record<string, unknown>>();
export const localeFile = (locale: Locale): Record<string, unknown> => {
  if (!cache.has(locale)) cache.set(locale, JSON.parse(readFileSync(join(ROOT, 'locales', `${locale}.json`), 'utf8')));
  return cache.get(locale)!;
};

/** Every key of a locale file, dotted ("retro.phase.checkin"). */
export const localeKeys = (locale: Locale): string[] => {
  const walk = (o: Record<string, unknown>, prefix: string): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? walk(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
  return walk(localeFile(locale), '');
};

/** The `{name}` placeholders of a template, sorted. */
export const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The translation for a key, or undefined when the locale lacks it. */
export const lookup = (locale: Locale, key: string): string | undefined => {
  const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), localeFile(locale));
  return typeof v === 'string' ? v : undefined;
};

/** Like Forge's translation function, but a missing key throws, so a test cannot pass on one. */
export const translator = (locale: Locale) => (key: string) => {
  const v = lookup(locale, key);
  if (v === undefined) throw new Error(`${locale} has no translation for ${key}`);
  return v;
};

export const reader = (locale: Locale): Reader => ({ translate: translator(locale), formatNumber: numberFormat(locale) });
export const en = (m: Message) => render(m, translator('en-US'), numberFormat('en-US'));
export const nl = (m: Message) => render(m, translator('nl-NL'), numberFormat('nl-NL'));

/** Placeholders of a message (and of the messages inside it) that its params leave unfilled. */
export function unfilled(m: Message, locale: Locale): string[] {
  const template = translator(locale)(m.key);
  const params = m.params ?? {};
  const own = placeholders(template).filter((p) => !(p in params)).map((p) => `${m.key}:{${p}}`);
  const nested = Object.values(params).flatMap((v) => (typeof v === 'object' ? unfilled(v, locale) : []));
  return [...own, ...nested];
}
