/**
 * Search as Jira Cloud does it (issue #18, points 3–5): ids only unless fields are asked for, shorter
 * pages with fields or properties, a 400 for a key that does not exist, an index that trails writes
 * unless the search reconciles them — and the app still gives the right answers against it.
 */
import { DEMO_API_TOKEN } from '../../dev/jira/emulator';
import type { Site } from '../../dev/jira/site';
import { demoSite, startBackend, user, type Backend } from '../support/harness';
import { en } from '../support/i18n';

let site: Site;
let backend: Backend;
let pieter: string, sanne: string, joost: string;

beforeAll(async () => {
  site = demoSite();
  backend = await startBackend(site);
  [pieter, sanne, joost] = ['Pieter', 'Sanne', 'Joost'].map((n) => user(site, n));
});
afterAll(() => backend.close());

const emailOf = (accountId: string) => site.users.find((u) => u.accountId === accountId)!.email;

async function search(who: string, body: Record<string, unknown>) {
  const res = await fetch(`${backend.emulator.baseUrl}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${emailOf(who)}:${DEMO_API_TOKEN}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function ok(fn: string, payload: unknown, who: string) {
  const res = await backend.invoke(fn, payload, who);
  if (!res.ok) throw new Error(`${fn}: ${res.error.code} ${en(res.error.message)}`);
  return res;
}

const harIssues = () => site.issues.filter((i) => i.projectKey === 'HAR' && i.issueType !== 'Epic');

describe('the emulator searches as Jira Cloud does', () => {
  test('a search returns ids only unless fields are asked for; key and fields come with them', async () => {
    const jql = 'project = HAR ORDER BY key';
    const bare = await search(pieter, { jql, maxResults: 2 });
    expect(bare.body.issues).toEqual([{ id: expect.any(String) }, { id: expect.any(String) }]);
    const withProperty = await search(pieter, { jql, fields: ['id'], properties: ['scrum-coach-priority'], maxResults: 1 });
    expect(Object.keys(withProperty.body.issues[0]).sort()).toEqual(['id', 'properties']);
    const withKey = await search(pieter, { jql, fields: ['key'], maxResults: 1 });
    expect(withKey.body.issues[0]).toMatchObject({ id: expect.any(String), key: expect.stringMatching(/^HAR-/), fields: {} });
    const withStatus = await search(pieter, { jql, fields: ['status'], maxResults: 1 });
    expect(withStatus.body.issues[0].fields.status.statusCategory.key).toEqual(expect.any(String));
  });

  test('pages are shorter when fields or properties are asked for, and the token leads on', async () => {
    const jql = 'project = HAR';
    const total = site.issues.filter((i) => i.projectKey === 'HAR').length;
    expect(total).toBeGreaterThan(100);
    expect((await search(pieter, { jql, fields: ['id'], maxResults: 5000 })).body.issues).toHaveLength(total);
    expect((await search(pieter, { jql, fields: ['summary'], maxResults: 5000 })).body.issues).toHaveLength(100);
    const withProperties = await search(pieter, { jql, properties: ['scrum-coach-priority'], maxResults: 5000 });
    expect(withProperties.body.issues).toHaveLength(50);
    const next = await search(pieter, { jql, properties: ['scrum-coach-priority'], nextPageToken: withProperties.body.nextPageToken });
    expect(next.body.issues.map((i: { id: string }) => i.id)).not.toContain(withProperties.body.issues[0].id);
  });

  test('a key that does not exist, or that this person may not see, fails the query with a 400', async () => {
    const missing = await search(pieter, { jql: 'key in ("HAR-1", "HAR-99999")', fields: ['status'] });
    expect(missing).toEqual({
      status: 400, body: { errorMessages: ["An issue with key 'HAR-99999' does not exist for field 'key'."], errors: {} },
    });
    // Joost works on FAL only: a HAR key is to him exactly what a missing key is.
    const hidden = await search(joost, { jql: 'key = "HAR-1"' });
    expect(hidden.body.errorMessages).toEqual(["An issue with key 'HAR-1' does not exist for field 'key'."]);
    expect((await search(pieter, { jql: 'key in ("HAR-1")' })).status).toBe(200);
  });
});

describe('the app asks for what it reads and follows every page', () => {
  test('every backlog item keeps its priority scores, however many are loaded at once', async () => {
    const { data } = await ok('getBacklog', { boardId: 1, pages: 5 }, pieter);
    const keys: string[] = data.items.map((i: { key: string }) => i.key);
    expect(keys.length).toBeGreaterThan(100);
    keys.forEach((key, n) => {
      const issue = site.issues.find((i) => i.key === key)!;
      issue.properties['scrum-coach-priority'] = {
        value: 1 + (n % 10), timeCriticality: 2, riskReduction: 3, jobSize: 5, effort: 3,
        wsjf: n, valueForEffort: null, updatedBy: pieter, updatedAt: '2026-01-01T00:00:00.000Z',
      };
    });
    const again = await ok('getBacklog', { boardId: 1, pages: 5 }, pieter);
    const stored = again.data.items.map((i: { key: string; scores: { wsjf: number } | null }) => [i.key, i.scores?.wsjf]);
    expect(stored).toEqual(keys.map((key, n) => [key, n]));
  });
});

describe('a missing issue does not break the others', () => {
  test("a deleted action issue leaves the other actions' live status intact", async () => {
    const closed = site.sprints.filter((s) => s.boardId === 1 && s.state === 'closed');
    const earlier = (await ok('createRetro', { boardId: 1, sprintId: closed.at(-2)!.id, formatId: 'pillars' }, sanne)).data;
    await ok('setPhase', { retroId: earlier.id, phase: 'decide' }, sanne);
    const keys: string[] = [];
    for (const text of ['Deleted later', 'Done in Jira', 'Still open']) {
      const { action } = (await ok('addAction', { retroId: earlier.id, text }, sanne)).data;
      keys.push((await ok('createActionIssue', { retroId: earlier.id, actionId: action.id }, sanne)).data.issueKey);
    }
    site.issues.splice(site.issues.findIndex((i) => i.key === keys[0]), 1);
    const doneStatus = site.statuses.find((s) => s.category === 'done')!;
    site.issues.find((i) => i.key === keys[1])!.statusId = doneStatus.id;

    const later = (await ok('createRetro', { boardId: 1, sprintId: closed.at(-1)!.id, formatId: 'pillars' }, sanne)).data;
    const coaching = await ok('getRetroCoaching', { retroId: later.id }, sanne);
    const status = Object.fromEntries(coaching.data.previousActions.map((a: { text: string; done: boolean }) => [a.text, a.done]));
    expect(status).toEqual({ 'Deleted later': false, 'Done in Jira': true, 'Still open': false });
    expect(coaching.warnings.map(en).join('\n')).not.toMatch(/action/i);
  });

  test('setting scores on a deleted issue says it is not found', async () => {
    const res = await backend.invoke('setScores', { boardId: 1, issueKey: 'HAR-99999', scores: { value: 3 } }, pieter);
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
