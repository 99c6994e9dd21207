import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoSite, user } from '../support/harness';
import { accessibilityProblems, hostAndBrowser, SCREENSHOTS } from '../support/browser';
import { localeKeys, lookup } from '../support/i18n';

const site = demoSite();
const env = hostAndBrowser(site);

/** English sentences of the app that Dutch words for: none may show on a Dutch page. */
const englishOnly = localeKeys('en-US')
  .map((key) => [lookup('en-US', key)!, lookup('nl-NL', key)!])
  .filter(([en, nl]) => en !== nl && !en.includes('{') && en.length >= 12)
  .map(([en]) => en);

async function open(params: Record<string, string>): Promise<Page> {
  return env.open({ ...params, locale: 'nl-NL' });
}
const app = (page: Page) => page.frameLocator('#app');

async function englishOnPage(page: Page): Promise<string[]> {
  const text = await app(page).locator('body').innerText();
  return englishOnly.filter((en) => text.includes(en));
}

test('every panel speaks Dutch in a Dutch Jira: labels, coaching prompts, hints and patterns', async () => {
  expect(englishOnly.length).toBeGreaterThan(150);
  const sanne = user(site, 'Sanne');
  const page = await open({ user: sanne, module: 'project-HAR' });
  await app(page).getByTestId('sprint-facts').waitFor({ timeout: 30_000 });
  expect(await englishOnPage(page)).toEqual([]);

  // A retro, phase by phase: the facilitator's controls, the check-in, prompts and tips from the facts.
  await app(page).getByRole('tab', { name: 'Retrospectives' }).click();
  await app(page).getByTestId('start-retro').click();
  await app(page).getByText('Check-in: één woord voor hoe de sprint voelde.').waitFor({ timeout: 30_000 });
  expect(await englishOnPage(page)).toEqual([]);
  for (const phase of ['Vorige acties bekijken', 'Gegevens verzamelen']) {
    await app(page).getByTestId('next-phase').click();
    await app(page).getByText(new RegExp(`\\d\\. ${phase}`)).waitFor();
  }
  await app(page).getByTestId('facts-brief').waitFor({ timeout: 30_000 });
  await app(page).getByText(/^Tip: Kijk samen naar de feiten/).waitFor();
  expect(await app(page).getByTestId('prompts').innerText()).toMatch(/\?/);
  await app(page).getByLabel('Kaart toevoegen aan Transparantie').waitFor();
  expect(await englishOnPage(page)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'retro-gather-nl.png'), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);

  await app(page).getByRole('tab', { name: 'Verfijning' }).click();
  await app(page).getByTestId('refinement-health').waitFor({ timeout: 60_000 });
  await app(page).getByText('Niet gereed').first().waitFor();
  expect(await englishOnPage(page)).toEqual([]);

  await app(page).getByRole('tab', { name: 'Stakeholders' }).click();
  await app(page).getByTestId('stakeholder-insights').waitFor({ timeout: 60_000 });
  await app(page).getByRole('heading', { name: 'Invloed en interesse' }).waitFor();
  expect(await englishOnPage(page)).toEqual([]);
  await page.close();

  const coach = await open({ user: user(site, 'Clara'), module: 'global' });
  await app(coach).getByTestId('coach-load').click();
  await app(coach).getByTestId('patterns').waitFor({ timeout: 90_000 });
  await app(coach).getByText('Patronen die een gesprek waard zijn').waitFor();
  expect(await englishOnPage(coach)).toEqual([]);
  // Numbers the Dutch way: a decimal comma (cycle times, variation), never a decimal point.
  const coachText = await app(coach).locator('body').innerText();
  expect(coachText).toMatch(/\d,\d/);
  expect(coachText).not.toMatch(/\d\.\d/);
  await coach.screenshot({ path: join(SCREENSHOTS, 'coach-nl.png'), fullPage: true });
  await coach.close();

  const issue = await open({ user: sanne, module: 'issue-backlog' });
  await app(issue).getByText('Klaar voor een sprint?').waitFor({ timeout: 30_000 });
  expect(await englishOnPage(issue)).toEqual([]);
  await issue.close();

  // Errors and warnings from the backend are Messages too: a Dutch reader gets them in Dutch.
  env.host.emulator.injectFaults(...Array.from({ length: 5 }, () => ({ status: 503 as const, path: '/rest/api/3/changelog/bulkfetch' })));
  const partial = await open({ user: sanne, module: 'project-HAR' });
  await app(partial).getByText('Niet alle gegevens konden worden geladen').waitFor({ timeout: 60_000 });
  await app(partial).getByText(/^Kon de wijzigingsgeschiedenis van \d+ issues niet laden: Jira antwoordde 503.*\(opgegeven na 5 pogingen\)\. De cijfers hieronder/).waitFor();
  await partial.screenshot({ path: join(SCREENSHOTS, 'partial-data-nl.png') });
  await partial.close();
}, 240_000);
