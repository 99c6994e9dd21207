/** The emulator holds an app's calls to the scopes of Atlassian's OpenAPI specs, as Jira Cloud does. */
import { DEMO_API_TOKEN, JiraEmulator } from '../../dev/jira/emulator';
import { readFileSync } from 'node:fs';
import {
  FORGE_PROXY_AUTHORIZATION, SCOPE_TABLE_PATH, findOperation, forgeProxyAuthorization, indexOperations,
  manifestScopes, parseForgeProxyAuthorization, scopeAlternatives, scopesAllow, specOperations,
} from '../../dev/jira/scopes';
import { servedOperations } from '../../dev/jira/servedOperations';
import { demoSite, user } from '../support/harness';

/** Every operation of both specs, for lookups beyond what the emulator serves. */
const specs = indexOperations(specOperations());

describe('the spec index', () => {
  test('a literal path segment wins over a parameter, and the query string is no part of the path', () => {
    expect(findOperation('PUT', '/rest/agile/1.0/issue/rank', specs)).toMatchObject({
      operationId: 'rankIssues', scopeAlternatives: [['write:issue:jira-software']],
    });
    expect(findOperation('GET', '/rest/agile/1.0/issue/HAR-1', specs)?.template)
      .toBe('/rest/agile/1.0/issue/{issueIdOrKey}');
    expect(findOperation('GET', '/rest/agile/1.0/board/7/configuration?x=1', specs)?.template)
      .toBe('/rest/agile/1.0/board/{boardId}/configuration');
    expect(findOperation('GET', '/rest/api/3/no-such-thing', specs)).toBeUndefined();
    expect(findOperation('PATCH', '/rest/agile/1.0/issue/rank', specs)).toBeUndefined();
  });

  test('basicAuth and the anonymous {} alternative are no way in for an app; granular sets are', () => {
    const alternatives = scopeAlternatives({
      security: [{ basicAuth: [] }, { OAuth2: ['read:jira-work'] }, {}],
      'x-atlassian-oauth2-scopes': [
        { scheme: 'OAuth2', scopes: ['read:jira-work'], state: 'Current' },
        { scheme: 'OAuth2', scopes: ['read:issue.property:jira'], state: 'Beta' },
      ],
    });
    expect(alternatives).toEqual([['read:jira-work'], ['read:issue.property:jira']]);
    const op = findOperation('GET', '/rest/api/3/issue/HAR-1/properties/p', specs)!;
    expect(scopesAllow(op, new Set())).toBe(false);
    expect(scopesAllow(op, new Set(['read:issue.property:jira']))).toBe(true);
    const config = findOperation('GET', '/rest/agile/1.0/board/1/configuration', specs)!;
    // Both scopes of the alternative are needed: read:board-scope.admin alone is not enough.
    expect(scopesAllow(config, new Set(['read:board-scope.admin:jira-software']))).toBe(false);
  });

  test('every endpoint the emulator serves is a spec operation an app can call, and the manifest grants it', () => {
    const granted = new Set(manifestScopes());
    const served = servedOperations(); // throws, naming it, for an endpoint no spec has
    expect(served.length).toBeGreaterThan(15);
    const problems = served.flatMap((op) => {
      const endpoint = `${op.method} ${op.template}`;
      if (op.scopeAlternatives.length === 0) return [`${endpoint}: no OAuth2 scopes, an app cannot call it`];
      if (scopesAllow(op, granted)) return [];
      return [`${endpoint}: manifest.yml lacks ${op.scopeAlternatives[0].join(' + ')}`];
    });
    expect(problems).toEqual([]);
  });

  test('the committed scope table the emulator reads is what the specs say (npm run scopes:generate)', () => {
    expect(JSON.parse(readFileSync(SCOPE_TABLE_PATH, 'utf8'))).toEqual(servedOperations());
  });

  test('the Forge proxy header round-trips, and a malformed one is refused', () => {
    const identity = { as: 'user' as const, invocationId: 'inv-1', accountId: 'abc' };
    expect(parseForgeProxyAuthorization(forgeProxyAuthorization(identity))).toEqual(identity);
    expect(parseForgeProxyAuthorization('Forge as=app,id=inv-2')).toEqual({ as: 'app', invocationId: 'inv-2' });
    for (const bad of ['Bearer x', 'Forge as=user,id=inv-1', 'Forge as=root,id=1', 'Forge as=app']) {
      expect(parseForgeProxyAuthorization(bad)).toBeNull();
    }
  });
});

describe('the emulator as Forge proxy and API gateway', () => {
  const site = demoSite();
  const clara = site.users.find((u) => u.displayName.startsWith('Clara'))!;
  const withoutAdmin = manifestScopes().filter((s) => s !== 'read:board-scope.admin:jira-software');
  let emu: JiraEmulator;
  beforeAll(async () => { emu = new JiraEmulator(site, { appScopes: withoutAdmin }); await emu.listen(); });
  afterAll(() => emu.close());

  const call = async (path: string, proxy?: string) => {
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${clara.email}:${DEMO_API_TOKEN}`).toString('base64')}`,
    };
    if (proxy) headers[FORGE_PROXY_AUTHORIZATION] = proxy;
    const res = await fetch(emu.baseUrl + path, { headers });
    return { status: res.status, body: await res.json() };
  };
  const asApp = (accountId = clara.accountId) =>
    forgeProxyAuthorization({ as: 'user', invocationId: 'inv', accountId });
  const SCOPE_MISMATCH = { code: 401, message: 'Unauthorized; scope does not match' };

  test('an app call without the scope answers 401 "scope does not match", as Jira Cloud does', async () => {
    expect(await call('/rest/agile/1.0/board/1/configuration', asApp()))
      .toEqual({ status: 401, body: SCOPE_MISMATCH });
    expect(emu.requests.at(-1)).toEqual({ method: 'GET', path: '/rest/agile/1.0/board/1/configuration', status: 401 });
  });

  test('an app call with its scopes passes; a person with an API token is never scope-checked', async () => {
    expect((await call('/rest/agile/1.0/board/1', asApp())).status).toBe(200);
    const asPerson = await call('/rest/agile/1.0/board/1/configuration');
    expect(asPerson.status).toBe(200);
    expect(asPerson.body.columnConfig.columns.length).toBeGreaterThan(1);
  });

  test('an app call to a path no spec has is refused by scope, not served', async () => {
    expect(await call('/rest/api/3/no-such-thing', asApp())).toEqual({ status: 401, body: SCOPE_MISMATCH });
    expect((await call('/rest/api/3/no-such-thing')).status).toBe(404);
  });

  test('the proxy header must name the person the credentials sign in, and be well formed', async () => {
    expect((await call('/rest/agile/1.0/board/1', asApp(user(site, 'Sanne')))).status).toBe(401);
    expect((await call('/rest/agile/1.0/board/1', 'Forge as=user')).status).toBe(401);
  });

  test('an emulator not told the app scopes is a plain site: it ignores the Forge header', async () => {
    const plain = new JiraEmulator(demoSite());
    await plain.listen();
    try {
      const res = await fetch(`${plain.baseUrl}/rest/agile/1.0/board/1/configuration`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${clara.email}:${DEMO_API_TOKEN}`).toString('base64')}`,
          [FORGE_PROXY_AUTHORIZATION]: asApp(),
        },
      });
      expect(res.status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
