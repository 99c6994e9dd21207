import { join } from 'node:path';
import { demoSite, user } from '../support/harness';
import { accessibilityProblems, hostAndBrowser, SCREENSHOTS } from '../support/browser';

const site = demoSite();
const env = hostAndBrowser(site);

/** The backlog as the emulator now orders it. */
const backlogKeys = () => {
  const open = new Set(site.sprints.filter((s) => s.state !== 'closed').map((s) => s.id));
  return site.issues.filter((i) => i.projectKey === 'HAR' && (i.issueType === 'Story' || i.issueType === 'Bug') && i.statusId !== '10002' && !i.sprintIds.some((id) => open.has(id)))
    .sort((a, b) => a.rank.localeCompare(b.rank)).map((i) => i.key);
};

test('a Product Owner checks readiness, scores items, applies the order and moves stakeholders on the grid', async () => {
  const page = await env.open({ user: user(site, 'Pieter'), module: 'project-HAR' }, { viewport: { width: 1400, height: 1100 } });
  page.on('pageerror', (e) => { throw e; });
  const app = page.frameLocator('#app');
  await app.getByRole('tab', { name: 'Refinement' }).click();
  await app.getByTestId('refinement-health').waitFor({ timeout: 30_000 });
  await app.getByText('Not ready').first().waitFor();

  // The team decides items need no stakeholder to be ready: the DoR changes for this board.
  expect(await app.getByText('No stakeholder linked', { exact: false }).count()).toBeGreaterThan(0);
  await app.getByRole('button', { name: 'Edit the Definition of Ready' }).click();
  await app.getByTestId('dor-editor').getByText('Has a stakeholder').click();
  await app.getByTestId('dor-editor').getByRole('button', { name: 'Save' }).click();
  await app.getByRole('button', { name: 'Edit the Definition of Ready' }).waitFor();
  await app.getByTestId('refinement-health').waitFor({ timeout: 30_000 });
  expect(await app.getByText('No stakeholder linked', { exact: false }).count()).toBe(0);

  // Score the 3rd item high enough to come first.
  const third = backlogKeys()[2];
  await app.getByRole('button', { name: `Score ${third}` }).click();
  for (const [label, value] of [['Value', '10'], ['Time criticality', '8'], ['Risk reduction / opportunity', '5'], ['Job size', '2']]) {
    await app.getByLabel(`${label} of ${third}`).click();
    await app.getByRole('option', { name: value, exact: true }).click();
  }
  await app.getByRole('button', { name: 'Save scores' }).click();
  await app.getByRole('cell', { name: '11.5', exact: true }).waitFor();
  expect(site.issues.find((i) => i.key === third)!.properties['scrum-coach-priority']).toMatchObject({ wsjf: 11.5 });
  await page.screenshot({ path: join(SCREENSHOTS, 'refinement.png'), fullPage: false });
  expect(await accessibilityProblems(page)).toEqual([]);

  await app.getByTestId('apply-order').click();
  await app.getByTestId('confirm-apply').click();
  await app.getByText(/Re-ranked \d+ issues in Jira/).waitFor({ timeout: 15_000 });
  expect(backlogKeys()[0]).toBe(third);

  // Stakeholder map: add someone, then drag them to "manage closely".
  await app.getByRole('tab', { name: 'Stakeholders' }).click();
  await app.getByLabel('Stakeholder name').fill('Acme Logistics');
  await app.getByLabel('New stakeholder interest').click();
  await app.getByRole('option', { name: '4', exact: true }).click();
  await app.getByTestId('new-stakeholder').getByRole('button', { name: 'Add' }).click();
  await app.getByTestId('cell-3-4').getByText('Acme Logistics').waitFor();
  await app.getByTestId('chip-Acme Logistics').dragTo(app.getByTestId('cell-5-5'));
  await app.getByTestId('cell-5-5').getByText('Acme Logistics').waitFor({ timeout: 10_000 });
  // Keyboard alternative: the same move through the list.
  await app.getByLabel('Power of Acme Logistics').click();
  await app.getByRole('option', { name: '2', exact: true }).click();
  await app.getByTestId('cell-2-5').getByText('Acme Logistics').waitFor({ timeout: 10_000 });
  await app.getByTestId('stakeholder-insights').waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'stakeholders.png'), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.close();
}, 120_000);
