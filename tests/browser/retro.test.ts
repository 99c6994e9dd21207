import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { demoSite, user } from '../support/harness';
import { accessibilityProblems, hostAndBrowser, SCREENSHOTS } from '../support/browser';

const site = demoSite();
const env = hostAndBrowser(site);

/** Each person in their own browser context, as on two laptops. */
async function person(name: string): Promise<{ page: Page; app: FrameLocator; shot: (file: string) => Promise<void> }> {
  const page = await env.open({ user: user(site, name), module: 'project-HAR' }, { viewport: { width: 1400, height: 1100 } });
  page.on('pageerror', (e) => { throw e; });
  // Every resolver answer this person receives, for the anonymity scan at the end.
  page.on('response', (r) => { if (r.url().endsWith('/__host/invoke')) void r.text().then((t) => answers.push(t), () => undefined); });
  const app = page.frameLocator('#app');
  await app.getByRole('tab', { name: 'Retrospectives' }).click();
  await app.getByTestId('retro-list').waitFor({ timeout: 30_000 });
  return { page, app, shot: (file) => page.screenshot({ path: join(SCREENSHOTS, file), fullPage: true }).then(() => undefined) };
}

const FOLLOW = { timeout: 15_000 };
const answers: string[] = []; // polling brings the other person along within a few seconds

test('two people run a full retrospective on the demo site', async () => {
  const sanne = await person('Sanne');
  const amira = await person('Amira');
  const sprint = site.sprints.filter((s) => s.boardId === 1 && s.state === 'closed').at(-1)!;

  // Sanne starts a Pillars retro on the last closed sprint (the default).
  await sanne.app.getByTestId('start-retro').click();
  await sanne.app.getByTestId('retro-board').waitFor();
  await sanne.app.getByRole('heading', { name: `Retrospective — ${sprint.name}` }).waitFor();

  // Amira opens the same retro from the list.
  await amira.page.reload();
  await amira.app.getByRole('tab', { name: 'Retrospectives' }).click();
  await amira.app.getByRole('button', { name: sprint.name }).first().click();
  await amira.app.getByText('The facilitator moves the phases; this page follows.').waitFor();

  // 1. Set the stage: a check-in word and an anonymous safety check.
  await amira.app.getByLabel('Check-in word').fill('Bumpy');
  await amira.app.getByRole('button', { name: 'Check in' }).click();
  await sanne.app.getByText('Words so far: Bumpy').waitFor(FOLLOW);
  await sanne.app.getByTestId('safety').getByRole('button', { name: '4 of 5' }).click();
  await amira.app.getByTestId('safety').getByRole('button', { name: '2 of 5' }).click();
  await sanne.app.getByText('1: 0 · 2: 1 · 3: 0 · 4: 1 · 5: 0', { exact: false }).waitFor(FOLLOW);
  await sanne.shot('retro-1-checkin.png');

  // 2. Review last actions (none yet on a fresh site).
  await sanne.app.getByTestId('next-phase').click();
  await amira.app.getByTestId('review').waitFor(FOLLOW);
  await sanne.shot('retro-2-review.png');

  // 3. Gather data: the sprint's facts and timeline, then cards from both.
  await sanne.app.getByTestId('next-phase').click();
  await amira.app.getByTestId('facts-brief').waitFor(FOLLOW);
  await sanne.app.getByLabel('Add a card to Inspection').fill('We skipped the mid-sprint check of the burndown');
  await sanne.app.getByTestId('column-inspection').getByRole('button', { name: 'Add card' }).click();
  await amira.app.getByLabel('Add a card to Transparency').fill('Bugs arrived through chat, not the board');
  await amira.app.getByTestId('column-transparency').getByRole('button', { name: 'Add card' }).click();
  await amira.app.getByText('We skipped the mid-sprint check of the burndown').waitFor(FOLLOW);
  await sanne.app.getByText('Bugs arrived through chat, not the board').waitFor(FOLLOW);
  await amira.shot('retro-3-gather.png');

  // 4. Generate insights: a theme, grouping (keyboard alternative to drag and drop), hidden votes.
  await sanne.app.getByTestId('next-phase').click();
  await amira.app.getByText('Votes left:').waitFor(FOLLOW);
  await sanne.app.getByLabel('New theme').fill('Hidden work');
  await sanne.app.getByRole('button', { name: 'Add theme' }).click();
  await amira.app.getByTestId('theme-Hidden work').waitFor(FOLLOW);
  await amira.app.getByLabel('Theme for: Bugs arrived through chat, not the board').click();
  await amira.app.getByRole('option', { name: 'Hidden work' }).click();
  await sanne.app.getByTestId('theme-Hidden work').getByText('• Bugs arrived through chat, not the board').waitFor(FOLLOW);
  await amira.app.getByRole('button', { name: 'Vote for: Bugs arrived through chat, not the board' }).click();
  await amira.app.getByRole('button', { name: 'Vote for: Bugs arrived through chat, not the board' }).click();
  await amira.app.getByTestId('votes-left').filter({ hasText: '1' }).waitFor();
  await sanne.app.getByRole('button', { name: 'Vote for: We skipped the mid-sprint check of the burndown' }).click();
  await expect(sanne.app.getByText(/\d+ votes/).count()).resolves.toBe(0); // hidden until revealed
  await sanne.app.getByTestId('reveal-votes').click();
  await amira.app.getByText('Hidden work — 2 votes').waitFor(FOLLOW);
  // Drag and drop (pragmatic-drag-and-drop): Sanne drops her card on the theme; its vote comes along.
  await sanne.app.getByTestId('card').filter({ hasText: 'We skipped the mid-sprint check' }).dragTo(sanne.app.getByTestId('theme-Hidden work'));
  await amira.app.getByText('Hidden work — 3 votes').waitFor(FOLLOW);
  await amira.shot('retro-4-insights.png');

  // 5. Decide: a SMART action, created as a Jira issue.
  await sanne.app.getByTestId('next-phase').click();
  await amira.app.getByTestId('decide').waitFor(FOLLOW);
  await sanne.app.getByLabel('Action', { exact: true }).fill('Route every bug report through the board within a day');
  await sanne.app.getByLabel('Measure', { exact: true }).fill('No bug starts work without an issue');
  await sanne.app.getByRole('button', { name: 'Add action' }).click();
  await sanne.app.getByText('Time-bound: in which sprint will we check it?').waitFor();
  await sanne.app.getByRole('button', { name: 'Create in Jira' }).click();
  const created = site.issues.find((i) => i.labels.includes('retro-action'));
  await sanne.app.getByRole('link', { name: /^HAR-\d+$/ }).waitFor(FOLLOW);
  expect(site.issues.filter((i) => i.labels.includes('retro-action')).map((i) => i.summary)).toEqual(['Route every bug report through the board within a day']);
  void created;
  await amira.app.getByRole('link', { name: /^HAR-\d+$/ }).waitFor(FOLLOW);
  await sanne.shot('retro-5-decide.png');

  // 6. Close: return on time invested, and the summary as Markdown.
  await sanne.app.getByTestId('next-phase').click();
  await amira.app.getByTestId('roti').waitFor(FOLLOW);
  await amira.app.getByTestId('roti').getByRole('button', { name: '5 of 5' }).click();
  await sanne.app.getByRole('button', { name: 'Show as Markdown' }).click();
  const markdown = await sanne.app.getByLabel('Retro summary as Markdown').inputValue();
  expect(markdown).toContain('**Hidden work** (3 votes)');
  expect(markdown).toContain('Route every bug report through the board within a day — Sanne de Vries');
  await sanne.shot('retro-6-close.png');

  // Anonymous cards: no answer to either browser ever named a card's author.
  expect(answers.length).toBeGreaterThan(50);
  expect(answers.filter((a) => a.includes('"authorId"'))).toEqual([]);
  expect(answers.some((a) => a.includes('Bugs arrived through chat'))).toBe(true);
  await sanne.page.context().close();
  await amira.page.context().close();
}, 120_000);
