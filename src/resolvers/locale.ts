/**
 * Text the backend writes into Jira (a retro summary comment, an action's issue) is rendered in the
 * language of the person who asked for it: the UI sends its Jira locale, and @forge/api's i18n reads
 * the same translations the UI uses from the app's bundle.
 */
import { i18n } from '@forge/api';
import { z } from 'zod';
import { numberFormat, type Reader } from '../domain/message';

export const SUPPORTED_LOCALES = ['en-US', 'nl-NL'] as const;

/** An optional payload field: any Jira locale; ones the app has no translations for fall back to English. */
export const locale = z.string().regex(/^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$/, 'must be a locale such as nl-NL').default('en-US');

/** The words and number notation for a locale, as the UI shows them. */
export async function readerFor(requested: string): Promise<Reader> {
  const supported = (SUPPORTED_LOCALES as readonly string[]).find((l) => l.toLowerCase() === requested.replace('_', '-').toLowerCase()
    || l.slice(0, 2) === requested.slice(0, 2)) ?? 'en-US';
  return { translate: await i18n.createTranslationFunction(supported), formatNumber: numberFormat(supported) };
}
