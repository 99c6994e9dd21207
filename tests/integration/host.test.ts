import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_API_TOKEN, JiraEmulator } from '../../dev/jira/emulator';
import { KvsStore } from '../../dev/host/kvsStore';
import { startHost } from '../../dev/host/server';
import { demoSite, resolverFunction, ROOT, startLocalHost, user } from '../support/harness';

const invoke = (url: string, body: object) => fetch(`${url}/__host/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());

test('real-site mode: every call goes to JIRA_SITE with the API token, as the token user', async () => {
  const site = new JiraEmulator(demoSite()); // stands in for https://your-site.atlassian.net
  await site.listen();
  const host = await startHost({
    staticDir: join(ROOT, 'static', 'app', 'dist'), store: new KvsStore(null), handler: resolverFunction.handler as never,
    realSite: { url: site.baseUrl, email: 'joost@falcon.example', token: DEMO_API_TOKEN },
  });
  try {
    expect(host.users).toEqual([expect.objectContaining({ accountId: user(site.site, 'Joost'), displayName: 'Joost Visser' })]);
    const out = await invoke(host.url, { functionKey: 'getBoards', payload: {}, accountId: host.users[0].accountId, context: { moduleKey: 'x', extension: {} } });
    expect(out.result.data.map((b: { name: string }) => b.name)).toEqual(['Falcon board']);
  } finally {
    await host.close();
    await site.close();
  }
});

test('real-site mode with a bad token fails at start with a clear message', async () => {
  const site = new JiraEmulator(demoSite());
  await site.listen();
  await expect(startHost({ staticDir: '/nonexistent', store: new KvsStore(null), handler: resolverFunction.handler as never, realSite: { url: site.baseUrl, email: 'joost@falcon.example', token: 'wrong' } }))
    .rejects.toThrow(/Could not sign in .* check JIRA_EMAIL and JIRA_API_TOKEN/);
  await site.close();
});

test('the host only invokes for its known users, and app data outlives a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sc-host-'));
  const host = await startLocalHost();
  expect((await fetch(`${host.url}/__host/invoke`, { method: 'POST', body: JSON.stringify({ functionKey: 'getBoards', accountId: 'intruder' }) })).status).toBe(403);
  const html = await (await fetch(host.app.url)).text();
  expect(html.indexOf('/__host/bridge.js')).toBeLessThan(html.indexOf('type="module"'));
  await host.close();
  const store = new KvsStore(join(dir, 'kvs.json'));
  store.handle('/api/v1/set', { key: 'retro:1', value: { phase: 'gather' } });
  store.flush();
  expect(new KvsStore(join(dir, 'kvs.json')).handle('/api/v1/get', { key: 'retro:1' })).toEqual([200, expect.objectContaining({ value: { phase: 'gather' } })]);
});
