import { join } from 'node:path';
import { demoSite, user } from '../support/harness';
import { accessibilityProblems, hostAndBrowser, SCREENSHOTS } from '../support/browser';
import { en } from '../support/i18n';

const site = demoSite();
const env = hostAndBrowser(site);

/** Call a resolver through the host, as the bridge does. */
async function invoke(functionKey: string, payload: object, who: string) {
  const res = await fetch(`${env.host.url}/__host/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey, payload, accountId: who, context: { moduleKey: 'test', extension: {} } }) });
  const out = (await res.json()).result;
  if (!out.ok) throw new Error(`${functionKey}: ${en(out.error.message)}`);
  return out.data;
}

test('a coach sees series with limits, patterns across teams, the theme heat map and the CSV', async () => {
  // Both teams keep raising slow deployments in their last three retros.
  for (const [boardId, sm] of [[1, user(site, 'Sanne')], [2, user(site, 'Joost')]] as const) {
    for (const s of site.sprints.filter((x) => x.boardId === boardId && x.state === 'closed').slice(-3)) {
      const retro = await invoke('createRetro', { boardId, sprintId: s.id, formatId: 'mad-sad-glad' }, sm);
      await invoke('setPhase', { retroId: retro.id, phase: 'gather' }, sm);
      await invoke('addCard', { retroId: retro.id, columnId: 'mad', text: 'Deployments took hours again' }, sm);
    }
  }
  const page = await env.open({ user: user(site, 'Clara'), module: 'global' }, { viewport: { width: 1400, height: 1100 } });
  page.on('pageerror', (e) => { throw e; });
  const app = page.frameLocator('#app');
  await app.getByTestId('coach-load').click();
  await app.getByTestId('patterns').waitFor({ timeout: 60_000 });
  await app.getByText('"deployment" recurs in 2 teams\' retros').waitFor();
  for (const team of ['Harbor board', 'Falcon board']) {
    await app.getByTestId(`team-${team}`).getByTestId('chart-sayDo').waitFor();
    await app.getByTestId(`team-${team}`).getByTestId('heatmap').waitFor();
  }
  await expect(app.getByTestId('team-Harbor board').getByRole('img', { name: /^Say\/do: latest \d+%/ }).count()).resolves.toBe(1);
  await app.getByTestId('team-Harbor board').getByText(/Ready runway now: (\d+(\.\d)? sprints|—)/).waitFor();
  await app.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await app.getByLabel('Series as CSV').inputValue();
  expect(csv.split('\n')[0]).toMatch(/^team,sprint,end,sayDo/);
  expect(csv.split('\n').filter((l) => l.startsWith('Harbor board,'))).toHaveLength(10);
  await page.screenshot({ path: join(SCREENSHOTS, 'coach.png'), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  // A coach who sees only one team is offered only that team.
  const page2 = await env.open({ user: user(site, 'Joost'), module: 'global' });
  await page2.frameLocator('#app').getByText('Falcon board').first().waitFor({ timeout: 30_000 });
  await expect(page2.frameLocator('#app').getByText('Harbor board').count()).resolves.toBe(0);
  await page.close(); await page2.close();
}, 120_000);
