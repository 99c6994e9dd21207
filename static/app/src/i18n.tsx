/**
 * Translations through Forge's i18n (@forge/bridge): the app's `locales/*.json`, served by Jira (or
 * the local host) under `__LOCALES__`, in the locale of the Jira context. `t(key, params)` fills
 * `{name}` placeholders; `t(message)` renders a Message the domain produced (a prompt, a hint).
 */
import { createContext, useContext, type ReactNode } from 'react';
import { i18n } from '@forge/bridge';
import { msg, render, type Message, type Params } from '../../../src/domain/message';
import { decimal } from './format';

export type T = (key: string | Message, params?: Params) => string;

const translator = (translate: (key: string) => string): T => (key, params) => render(typeof key === 'string' ? msg(key, params) : key, translate, decimal);

export async function loadTranslations(locale: string): Promise<T> {
  return translator(await i18n.createTranslationFunction(locale as Parameters<typeof i18n.createTranslationFunction>[0]));
}

const Ctx = createContext<{ t: T; locale: string }>({ t: translator((key) => key), locale: 'en-US' });
export const I18nProvider = ({ t, locale, children }: { t: T; locale: string; children: ReactNode }) => <Ctx.Provider value={{ t, locale }}>{children}</Ctx.Provider>;
export const useT = () => useContext(Ctx).t;
/** The Jira locale, for text the backend writes into Jira on the user's behalf. */
export const useLocale = () => useContext(Ctx).locale;
