/**
 * Through the real resolver handler: an app call the manifest has no scope for fails clearly, and a person
 * who has not allowed the app access makes the invocation reject with Forge's NeedsAuthenticationError.
 */
import { manifestScopes } from '../../dev/jira/scopes';
import { demoSite, startBackend, startLocalHost, user, type Backend } from '../support/harness';
import { en } from '../support/i18n';

describe('a scope the manifest lacks', () => {
  const site = demoSite();
  const sanne = user(site, 'Sanne');
  let backend: Backend;
  beforeAll(async () => {
    const appScopes = manifestScopes().filter((s) => s !== 'read:board-scope.admin:jira-software');
    backend = await startBackend(site, { appScopes });
  });
  afterAll(() => backend.close());

  test('getSprintFacts answers a clear error naming the board configuration, and nothing else fails', async () => {
    const active = site.sprints.find((s) => s.boardId === 1 && s.state === 'active')!;
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: active.id }, sanne);
    expect(res).toEqual({ ok: false, error: { code: 'JIRA_UNAVAILABLE', message: expect.anything() } });
    expect(en(res.error.message)).toBe('Could not load the configuration of board 1: Jira answered 401');
    const refused = backend.emulator.requests.filter((r) => r.status === 401);
    expect(refused).toEqual([{ method: 'GET', path: '/rest/agile/1.0/board/1/configuration', status: 401 }]);
    // Calls whose scopes the app has still work.
    expect((await backend.invoke('getBoards', {}, sanne)).ok).toBe(true);
  });
});

describe('a person who has not allowed the app access', () => {
  const site = demoSite();
  const sanne = user(site, 'Sanne');
  const joost = user(site, 'Joost');
  let backend: Backend;
  beforeAll(async () => { backend = await startBackend(site); });
  afterAll(() => backend.close());

  test('invoke rejects with NeedsAuthenticationError, so Forge can show the consent prompt', async () => {
    backend.runtime.setConsent(sanne, false);
    backend.emulator.resetCounts();
    await expect(backend.invoke('getBoards', {}, sanne))
      .rejects.toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR', status: 401, message: 'Authentication Required' });
    await expect(backend.invoke('getSprintFacts', { boardId: 1, sprintId: 1 }, sanne))
      .rejects.toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR' });
    expect(backend.emulator.count()).toBe(0); // the proxy refused: Jira never saw the calls
    // Other people are unaffected, and once Sanne allows access her calls work again.
    expect((await backend.invoke('getBoards', {}, joost)).ok).toBe(true);
    backend.runtime.setConsent(sanne, true);
    const boards = await backend.invoke('getBoards', {}, sanne);
    expect(boards.data.map((b: { name: string }) => b.name)).toEqual(['Harbor board']);
  });
});

test('the local host marks such an invoke answer, where Forge would ask for consent', async () => {
  const host = await startLocalHost();
  try {
    const sanne = user(host.emulator.site, 'Sanne');
    const invoke = async () => (await fetch(`${host.url}/__host/invoke`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        functionKey: 'getBoards', payload: {}, accountId: sanne, context: { moduleKey: 'x', extension: {} },
      }),
    })).json();
    host.runtime.setConsent(sanne, false);
    expect(await invoke()).toEqual({ error: 'Authentication Required', needsAuthentication: true });
    host.runtime.setConsent(sanne, true);
    expect((await invoke()).result.ok).toBe(true);
  } finally {
    await host.close();
  }
});
