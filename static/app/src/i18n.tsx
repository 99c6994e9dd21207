/**
 * Translations through Forge's i18n (@forge/bridge): the app's `locales/*.json`, served by Jira (or
 * the local host) under `__LOCALES__`, in the locale of the Jira context. `t(key, params)` fills
 * `{name}` placeholders.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { i18n } from '@forge/bridge';

export type T = (key: string, params?: Record<string, string | number>) => string;

const fill = (text: string, params?: Record<string, string | number>) =>
  params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;

export async function loadTranslations(locale: string): Promise<T> {
  const translate = await i18n.createTranslationFunction(locale as Parameters<typeof i18n.createTranslationFunction>[0]);
  return (key, params) => fill(translate(key), params);
}

const Ctx = createContext<T>((key) => key);
export const I18nProvider = ({ t, children }: { t: T; children: ReactNode }) => <Ctx.Provider value={t}>{children}</Ctx.Provider>;
export const useT = () => useContext(Ctx);
