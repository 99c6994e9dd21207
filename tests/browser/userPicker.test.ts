/**
 * The user picker for someone without Jira's "Browse users and groups": Jira's search finds nobody
 * for them, and the picker says why instead of a bare "No options".
 */
import { demoSite, user } from '../support/harness';
import { hostAndBrowser } from '../support/browser';

const site = demoSite();
site.users.find((u) => u.displayName === 'Pieter Jansen')!.browseUsers = false;
const env = hostAndBrowser(site);

async function typeInPicker(name: string, query: string) {
  const page = await env.open({ user: user(site, name), module: 'project-HAR' });
  const app = page.frameLocator('#app');
  await app.getByRole('tab', { name: 'Stakeholders' }).click();
  await app.getByLabel("Stakeholder's Jira account").fill(query);
  return app;
}

test('someone who may not browse people is told so in the picker; someone who may sees the matches', async () => {
  const refused = await typeInPicker('Pieter', 'Sanne');
  await refused.getByText("You need Jira's Browse users and groups permission to look people up.", { exact: false })
    .waitFor({ timeout: 15_000 });
  const allowed = await typeInPicker('Sanne', 'Amira');
  await allowed.getByRole('option', { name: 'Amira Haddad' }).waitFor({ timeout: 15_000 });
}, 90_000);
