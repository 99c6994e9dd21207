import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoSite, user } from '../support/harness';
import { accessibilityProblems, appFrame, hostAndBrowser, SCREENSHOTS } from '../support/browser';
import { oracleFacts } from '../support/oracle';

const site = demoSite();
const env = hostAndBrowser(site);

async function open(params: Record<string, string>): Promise<Page> {
  const page = await env.open(params);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as unknown as { errors: string[] }).errors = errors;
  return page;
}
const app = (page: Page) => page.frameLocator('#app');

test('the project page shows real sprint facts read through invoke → resolver → @forge/api → Jira emulator', async () => {
  const sanne = user(site, 'Sanne');
  const page = await open({ user: sanne, module: 'project-HAR', theme: 'light' });
  const facts = app(page).getByTestId('sprint-facts');
  await facts.waitFor({ timeout: 30_000 });
  const active = site.sprints.find((s) => s.boardId === 1 && s.state === 'active')!;
  await app(page).getByRole('heading', { name: active.name }).waitFor();
  const expected = oracleFacts(site, active.id, Date.now());
  await expect(app(page).getByTestId('metric-Committed').innerText()).resolves.toContain(`${expected.totals.committed.estimate} pts`);
  await expect(app(page).getByTestId('metric-Completed').innerText()).resolves.toContain(`${expected.totals.completed.count} issues`);
  await expect(app(page).getByRole('img', { name: /Burndown chart/ }).count()).resolves.toBe(1);
  // The rows are Jira issues; a click goes through the bridge's router, not a raw link.
  const firstKey = expected.issues[0].key;
  await app(page).getByRole('link', { name: firstKey, exact: true }).first().click();
  const calls = await appFrame(page).evaluate(() => (window as unknown as { __hostCalls: { cmd: string; payload: any }[] }).__hostCalls.filter((c) => c.cmd === 'navigate'));
  expect(calls).toEqual([{ cmd: 'navigate', payload: { target: 'issue', issueKey: firstKey, type: 'new-tab' } }]);
  await page.screenshot({ path: join(SCREENSHOTS, 'sprint-facts-light.png'), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  await page.close();
});

test('choosing a closed sprint shows its report; dark theme uses dark tokens', async () => {
  const clara = user(site, 'Clara');
  const page = await open({ user: clara, module: 'project-FAL', theme: 'dark' });
  await app(page).getByTestId('sprint-facts').waitFor({ timeout: 30_000 });
  const closed = site.sprints.filter((s) => s.boardId === 2 && s.state === 'closed').at(-2)!;
  await app(page).locator('#sprint-picker').click();
  await app(page).getByText(closed.name, { exact: true }).click();
  await app(page).getByRole('heading', { name: closed.name }).waitFor();
  const expected = oracleFacts(site, closed.id, Date.now());
  await expect(app(page).getByTestId('metric-Say/do').innerText()).resolves.toContain(`${Math.round(expected.metrics.sayDo! * 100)}%`);
  const frame = appFrame(page);
  expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
  const bg = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).not.toBe('rgb(255, 255, 255)');
  await page.screenshot({ path: join(SCREENSHOTS, 'sprint-facts-dark.png'), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.close();
});

test('a user with no access sees a clear message, not a blank panel', async () => {
  const page = await open({ user: user(site, 'Guest'), module: 'project-HAR' });
  await app(page).getByText('No Scrum boards here').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'no-access.png') });
  await page.close();
});

test('the issue panel shows the sprints an issue went through', async () => {
  const page = await open({ user: user(site, 'Sanne'), module: 'issue-HAR' });
  await app(page).getByTestId('issue-sprints').waitFor({ timeout: 30_000 });
  await app(page).getByText('Ready for a sprint?').waitFor();
  const issue = site.issues.find((i) => i.key === 'HAR-19')!;
  const started = issue.sprintIds.map((id) => site.sprints.find((s) => s.id === id)!).filter((s) => s.state !== 'future');
  for (const s of started) await app(page).getByRole('cell', { name: s.name, exact: true }).waitFor();
  await app(page).getByText(/^HAR-19 was carried over (once|\d+ times)\.$/).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'issue-panel.png') });
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.close();
});

test('when Jira keeps failing, the panel shows what it has and says what is missing', async () => {
  env.host.emulator.injectFaults(...Array.from({ length: 5 }, () => ({ status: 503 as const, path: '/rest/api/3/changelog/bulkfetch' })));
  const page = await open({ user: user(site, 'Sanne'), module: 'project-HAR' });
  await app(page).getByText('Some data could not be loaded').waitFor({ timeout: 60_000 });
  await app(page).getByText(/Could not load the change history of \d+ issues: Jira answered 503/).waitFor();
  await app(page).getByTestId('sprint-facts').waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'partial-data.png') });
  await page.close();
}, 90_000);

test('in Dutch, the panel speaks Dutch (Forge translations through the bridge)', async () => {
  const page = await open({ user: user(site, 'Sanne'), module: 'project-HAR', locale: 'nl-NL' });
  await app(page).getByTestId('sprint-facts').waitFor({ timeout: 30_000 });
  await app(page).getByText('Toegezegd', { exact: true }).waitFor();
  await app(page).getByRole('tab', { name: 'Sprintfeiten' }).waitFor();
  expect(await appFrame(page).evaluate(() => document.documentElement.lang)).toBe('nl');
  await page.screenshot({ path: join(SCREENSHOTS, 'sprint-facts-nl.png') });
  await page.close();
});
