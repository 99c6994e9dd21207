import { createRoot } from 'react-dom/client';
import { view } from '@forge/bridge';
import '@atlaskit/css-reset';
import { App } from './App';
import { I18nProvider, loadTranslations } from './i18n';
import { setResolverTextTranslator } from './api';
import { setDisplayLocale } from './format';
import { followHostTheme } from './theme';

async function boot() {
  const context = await view.getContext();
  // Follow Jira's theme: enable Forge theming, then load (and keep loading) the matching token theme.
  await view.theme.enable();
  await followHostTheme();
  const locale = context.locale ?? 'en-US';
  document.documentElement.lang = locale.slice(0, 2);
  setDisplayLocale(locale);
  const t = await loadTranslations(locale);
  setResolverTextTranslator(t);
  createRoot(document.getElementById('root')!).render(<I18nProvider t={t} locale={locale}><App context={context as never} /></I18nProvider>);
}

void boot();
