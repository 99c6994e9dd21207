import { DEMO_API_TOKEN, JiraEmulator } from '../../dev/jira/emulator';
import { parseJql, JqlError } from '../../dev/jira/jql';
import { generateDemoSite } from '../../dev/jira/generate';
import { demoSite } from '../support/harness';
import { readFileSync } from 'node:fs';
import { DEMO_SITE_PATH } from '../support/harness';

let emu: JiraEmulator;
beforeAll(async () => { emu = new JiraEmulator(demoSite()); await emu.listen(); });
afterAll(() => emu.close());

const get = async (path: string, email = 'clara@coach.example', init: RequestInit = {}) => {
  const res = await fetch(emu.baseUrl + path, { ...init, headers: { authorization: `Basic ${Buffer.from(`${email}:${DEMO_API_TOKEN}`).toString('base64')}`, 'content-type': 'application/json' } });
  return { status: res.status, headers: res.headers, body: res.status === 204 ? null : await res.json() };
};

test('the demo fixture is exactly what the seeded generator makes', () => {
  expect(JSON.parse(readFileSync(DEMO_SITE_PATH, 'utf8'))).toEqual(JSON.parse(JSON.stringify(generateDemoSite())));
});

test('the demo site has 2 teams with 10 closed sprints and 1 active each, and ~600 issues', () => {
  const site = demoSite();
  for (const b of site.boards) {
    expect(site.sprints.filter((s) => s.boardId === b.id && s.state === 'closed')).toHaveLength(10);
    expect(site.sprints.filter((s) => s.boardId === b.id && s.state === 'active')).toHaveLength(1);
  }
  expect(site.issues.length).toBeGreaterThan(500);
  expect(new Set(site.issues.map((i) => i.issueType))).toEqual(new Set(['Epic', 'Story', 'Bug', 'Subtask']));
});

test('wrong credentials get 401', async () => {
  expect((await get('/rest/api/3/myself', 'nobody@example.com')).status).toBe(401);
});

test('permissions: a board and its sprints are 404 for users without Browse Projects, search is filtered', async () => {
  expect((await get('/rest/agile/1.0/board/1', 'joost@falcon.example')).status).toBe(404);
  expect((await get('/rest/agile/1.0/sprint/1', 'guest@partner.example')).status).toBe(404);
  const search = await get('/rest/api/3/search/jql?jql=project%20%3D%20HAR&fields=id', 'joost@falcon.example');
  expect(search.body.issues).toEqual([]);
  const perm = await get('/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=HAR', 'joost@falcon.example');
  expect(perm.body.permissions.BROWSE_PROJECTS.havePermission).toBe(false);
});

test('token paging returns every issue exactly once, with no token on the last page', async () => {
  const keys: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const r = await get(`/rest/api/3/search/jql?jql=project%20%3D%20FAL&fields=key&maxResults=40${token ? `&nextPageToken=${token}` : ''}`);
    keys.push(...r.body.issues.map((i: { key: string }) => i.key));
    token = r.body.nextPageToken;
    pages++;
  } while (token);
  const total = demoSite().issues.filter((i) => i.projectKey === 'FAL').length;
  expect(new Set(keys).size).toBe(total);
  expect(pages).toBe(Math.ceil(total / 40));
});

test('injected 429 carries Retry-After; requests are counted', async () => {
  emu.resetCounts();
  emu.injectFaults({ status: 429, retryAfterSeconds: 3 });
  const r = await get('/rest/api/3/myself');
  expect(r.status).toBe(429);
  expect(r.headers.get('retry-after')).toBe('3');
  expect((await get('/rest/api/3/myself')).status).toBe(200);
  expect(emu.requests.map((x) => x.status)).toEqual([429, 200]);
});

test('JQL: a syntax error or an unknown field is a 400 like on Jira', async () => {
  expect(() => parseJql('project = ')).toThrow(JqlError);
  expect((await get('/rest/api/3/search/jql?jql=colour%20%3D%20red')).status).toBe(400);
  const ok = parseJql('project = "HAR" AND (sprint != 3 OR sprint is EMPTY) ORDER BY rank DESC');
  expect(ok.orderBy).toEqual([{ field: 'rank', desc: true }]);
});

test('bulk changelogs refuse more than 1000 issues', async () => {
  const r = await get('/rest/api/3/changelog/bulkfetch', undefined, { method: 'POST', body: JSON.stringify({ issueIdsOrKeys: Array.from({ length: 1001 }, (_, i) => String(i)) }) });
  expect(r.status).toBe(400);
});
