/** Design tokens that follow Jira's theme, as Forge's theming hands it to the app's frame. */
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';

type ColorMode = 'light' | 'dark';

const hostColorMode = (): ColorMode =>
  (document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light');

/**
 * After view.theme.enable(), Forge's frame carries the host's color mode on <html> and changes it
 * when the user switches Jira's theme, without reloading the app. Load the matching token theme now
 * and again on every change.
 */
export async function followHostTheme(): Promise<void> {
  let applied: ColorMode | undefined;
  const apply = async () => {
    const colorMode = hostColorMode();
    // setGlobalTheme writes data-color-mode itself: only a change of mode needs new tokens.
    if (colorMode === applied) return;
    applied = colorMode;
    await setGlobalTheme({ colorMode, light: 'light', dark: 'dark', spacing: 'spacing' });
  };
  await apply();
  const observer = new MutationObserver(() => void apply());
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-color-mode'] });
}
