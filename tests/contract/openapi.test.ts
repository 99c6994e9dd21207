import { DEMO_API_TOKEN } from '../../dev/jira/emulator';
import { FIELD } from '../../dev/jira/site';
import { Contract } from '../support/contract';
import { demoSite, startBackend, user, type Backend } from '../support/harness';

let backend: Backend;
const contract = new Contract();

beforeAll(async () => { backend = await startBackend(demoSite()); backend.emulator.recordExchanges(); });
afterAll(() => backend.close());

const dedupe = (xs: string[]) => [...new Set(xs)];

test('every Jira call the app makes is a documented, non-deprecated operation with a valid request, and every response is valid', async () => {
  const site = backend.emulator.site;
  const clara = user(site, 'Clara');
  const guest = user(site, 'Guest');
  await backend.invoke('getBoards', {}, clara);
  await backend.invoke('getBoards', { projectKey: 'FAL' }, clara);
  await backend.invoke('getBoards', {}, guest);
  for (const boardId of [1, 2]) {
    const sprints = (await backend.invoke('getSprints', { boardId }, clara)).data.sprints;
    for (const s of sprints.slice(0, 3)) await backend.invoke('getSprintFacts', { boardId, sprintId: s.id }, clara);
  }
  await backend.invoke('getSprintFacts', { boardId: 1, sprintId: 1 }, guest); // 404 path
  const pieter = user(site, 'Pieter');
  const backlog = (await backend.invoke('getBacklog', { boardId: 1, pages: 2 }, pieter)).data.items;
  await backend.invoke('setScores', { boardId: 1, issueKey: backlog[0].key, scores: { value: 5, timeCriticality: 3, riskReduction: 2, jobSize: 3 } }, pieter);
  await backend.invoke('applyOrder', { boardId: 1, order: [backlog[3].key, backlog[1].key] }, pieter);
  const sh = await backend.invoke('saveStakeholder', { projectKey: 'HAR', stakeholder: { accountId: null, name: 'Board of directors', power: 5, interest: 3 } }, pieter);
  await backend.invoke('linkStakeholder', { projectKey: 'HAR', stakeholderId: sh.data.id, issueKey: backlog[0].key, relation: 'benefits', statedValue: 7 }, pieter);
  await backend.invoke('getStakeholderInsights', { projectKey: 'HAR' }, pieter);
  await backend.invoke('findUsers', { query: 'mei' }, pieter);
  const exchanges = backend.emulator.exchanges!;
  expect(exchanges.length).toBeGreaterThan(20);
  const operations = dedupe(exchanges.map((x) => `${x.method} ${contract.operationFor(x.method, x.path)?.template}`));
  expect(operations).toEqual(expect.arrayContaining([
    'POST /rest/api/3/changelog/bulkfetch', 'GET /rest/software/1.0/sprint/{sprintId}/issue', 'POST /rest/api/3/search/jql',
    'GET /rest/agile/1.0/board/{boardId}/configuration', 'GET /rest/api/3/mypermissions',
    'GET /rest/software/1.0/board/{boardId}/backlog', 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    'PUT /rest/agile/1.0/issue/rank', 'GET /rest/api/3/user/search', 'POST /rest/api/3/issue/bulkfetch',
  ]));
  expect(dedupe(exchanges.flatMap((x) => contract.check(x)))).toEqual([]);
});

describe('emulator responses on endpoints beyond the sprint report', () => {
  const as = (email: string) => ({ authorization: `Basic ${Buffer.from(`${email}:${DEMO_API_TOKEN}`).toString('base64')}`, 'content-type': 'application/json', accept: 'application/json' });
  const call = async (method: string, path: string, body: unknown, email: string) => {
    backend.emulator.exchanges!.length = 0;
    const res = await fetch(backend.emulator.baseUrl + path, { method, headers: as(email), ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    await res.text();
    return { status: res.status, exchange: backend.emulator.exchanges![0] };
  };

  test.each([
    ['GET', '/rest/api/3/field', undefined, 'clara@coach.example'],
    ['GET', '/rest/api/3/myself', undefined, 'clara@coach.example'],
    ['GET', '/rest/api/3/user/search?query=an', undefined, 'clara@coach.example'],
    ['GET', '/rest/api/3/search/jql?jql=project%20%3D%20HAR%20ORDER%20BY%20created%20DESC&fields=summary,status&maxResults=5', undefined, 'clara@coach.example'],
    ['GET', '/rest/software/1.0/board/1/backlog?maxResults=10&fields=summary,' + FIELD.storyPoints, undefined, 'clara@coach.example'],
    ['GET', '/rest/software/1.0/board/1/sprint/1/issue?maxResults=10', undefined, 'clara@coach.example'],
    ['POST', '/rest/api/3/issue', { fields: { project: { key: 'HAR' }, summary: 'Retro action: pair on reviews', issuetype: { name: 'Task' }, labels: ['retro-action'] } }, 'clara@coach.example'],
    ['POST', '/rest/api/3/issue', { fields: { project: { key: 'HAR' }, issuetype: { name: 'Task' } } }, 'clara@coach.example'],
    ['PUT', '/rest/agile/1.0/issue/rank', { issues: ['HAR-5', 'HAR-6'], rankBeforeIssue: 'HAR-1' }, 'clara@coach.example'],
    ['PUT', '/rest/agile/1.0/issue/rank', { issues: ['HAR-5', 'FAL-1'], rankBeforeIssue: 'HAR-1' }, 'sanne@harbor.example'],
    ['POST', '/rest/api/3/issue/HAR-3/comment', { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Retro summary' }] }] } }, 'clara@coach.example'],
    ['PUT', '/rest/api/3/issue/HAR-3/properties/scrum-coach-score', { wsjf: 4.2 }, 'clara@coach.example'],
    ['GET', '/rest/api/3/issue/HAR-3/properties/scrum-coach-score', undefined, 'clara@coach.example'],
    ['GET', '/rest/agile/1.0/board/1/sprint?state=closed', undefined, 'clara@coach.example'],
    ['POST', '/rest/api/3/search/jql', { jql: 'key in ("HAR-1", "HAR-99999")', fields: ['status'] }, 'clara@coach.example'],
    ['POST', '/rest/api/3/search/jql', { jql: 'project = HAR', properties: ['scrum-coach-priority'], reconcileIssues: [10001] }, 'clara@coach.example'],
    ['POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ['HAR-1', 'HAR-99999'], fields: ['status'], properties: ['scrum-coach-priority'] }, 'clara@coach.example'],
    ['GET', '/rest/agile/1.0/sprint/999', undefined, 'clara@coach.example'],
    ['GET', '/rest/api/3/issue/createmeta/HAR/issuetypes', undefined, 'clara@coach.example'],
    ['POST', '/rest/api/3/issue', { fields: { project: { key: 'HAR' }, summary: 'Two\nlines', issuetype: { name: 'Task' } } }, 'clara@coach.example'],
    ['POST', '/rest/api/3/issue', { fields: { project: { key: 'HAR' }, summary: 'A type', issuetype: { name: 'Saga' } } }, 'clara@coach.example'],
    ['POST', '/rest/api/3/issue/HAR-3/comment', { body: { type: 'doc', version: 1, content: [{ type: 'text' }] } }, 'clara@coach.example'],
  ])('%s %s honours the spec', async (method, path, body, email) => {
    const { exchange } = await call(method, path, body, email);
    expect(contract.check(exchange, { appRequest: false })).toEqual([]);
  });

  test('writes refused for want of Create issues, Edit issues or Schedule issues answer a documented 403', async () => {
    const clara = backend.emulator.userByEmail('clara@coach.example')!;
    clara.writes = { CREATE_ISSUES: [], EDIT_ISSUES: [], SCHEDULE_ISSUES: [] };
    try {
      for (const [method, path, body] of [
        ['POST', '/rest/api/3/issue', { fields: { project: { key: 'HAR' }, summary: 'No right', issuetype: { name: 'Task' } } }],
        ['PUT', '/rest/api/3/issue/HAR-3/properties/scrum-coach-score', { wsjf: 1 }],
        ['PUT', '/rest/agile/1.0/issue/rank', { issues: ['HAR-5'], rankBeforeIssue: 'HAR-1' }],
      ] as const) {
        const { status, exchange } = await call(method, path, body, clara.email);
        expect(status).toBe(403);
        expect(contract.check(exchange, { appRequest: false })).toEqual([]);
      }
    } finally {
      delete clara.writes;
    }
  });

  test('the checker itself catches a wrong response', () => {
    const bad = { method: 'POST', path: '/rest/api/3/changelog/bulkfetch', query: {}, requestBody: { issueIdsOrKeys: 'HAR-1' }, status: 200, responseBody: { issueChangeLogs: 'nope' } };
    expect(contract.check(bad).length).toBe(2);
    expect(contract.check({ ...bad, path: '/rest/api/3/search', method: 'GET', requestBody: undefined, responseBody: undefined })).toEqual([expect.stringContaining('deprecated')]);
    expect(contract.check({ ...bad, query: { foo: '1' }, requestBody: undefined, responseBody: undefined })).toEqual([expect.stringContaining("'foo' is not declared")]);
  });
});
