import { createRoot } from 'react-dom/client';
import { view } from '@forge/bridge';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import '@atlaskit/css-reset';
import { App } from './App';

async function boot() {
  const context = await view.getContext();
  // Follow Jira's theme: enable Forge theming, then load the matching token theme.
  await view.theme.enable();
  const colorMode = (context as { theme?: { colorMode?: string } }).theme?.colorMode === 'dark' ? 'dark' : 'light';
  await setGlobalTheme({ colorMode, light: 'light', dark: 'dark', spacing: 'spacing' });
  document.documentElement.lang = (context.locale ?? 'en-US').slice(0, 2);
  createRoot(document.getElementById('root')!).render(<App context={context as never} />);
}

void boot();
