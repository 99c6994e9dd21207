/**
 * Text the backend writes into Jira (a retro summary comment, an action's issue) is rendered in the
 * language of the person who asked for it: the UI sends its Jira locale, and @forge/api's i18n reads
 * the same translations the UI uses from the app's bundle.
 */
import { i18n } from '@forge/api';
import { z } from 'zod';
import type { Translate } from '../domain/message';

export const SUPPORTED_LOCALES = ['en-US', 'nl-NL'] as const;

/** An optional payload field: any Jira locale; ones the app has no translations for fall back to English. */
export const locale = z.string().regex(/^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$/, 'must be a locale such as nl-NL').default('en-US');

export async function translatorFor(requested: string): Promise<Translate> {
  const supported = (SUPPORTED_LOCALES as readonly string[]).find((l) => l.toLowerCase() === requested.replace('_', '-').toLowerCase()
    || l.slice(0, 2) === requested.slice(0, 2));
  return i18n.createTranslationFunction(supported ?? 'en-US');
}
