// Writes as Jira Cloud checks them (create metadata, write permissions, comment limits) and faults after the work.
import { DEMO_API_TOKEN } from '../../dev/jira/emulator';
import type { Site, SiteUser } from '../../dev/jira/site';
import { COMMENT_MAX, commentDocuments } from '../../src/jira/issueWrites';
import { demoSite, startBackend, user, type Backend } from '../support/harness';
import { en, nl } from '../support/i18n';

let site: Site;
let backend: Backend;
let sanne: string, amira: string, pieter: string;
let retroId: string;

beforeAll(async () => {
  site = demoSite();
  backend = await startBackend(site);
  [sanne, amira, pieter] = ['Sanne', 'Amira', 'Pieter'].map((n) => user(site, n));
  const sprint = site.sprints.filter((s) => s.boardId === 1 && s.state === 'closed').at(-1)!;
  retroId = (await ok('createRetro', { boardId: 1, sprintId: sprint.id, formatId: 'pillars' }, sanne)).id;
  await ok('setPhase', { retroId, phase: 'decide' }, sanne);
});
afterAll(() => backend.close());
afterEach(() => {
  for (const u of site.users) delete u.writes;
  for (const p of site.projects) delete p.issueTypes;
});

async function ok(fn: string, payload: unknown, who: string) {
  const res = await backend.invoke(fn, payload, who);
  if (!res.ok) throw new Error(`${fn}: ${res.error.code} ${en(res.error.message)}`);
  return res.data;
}
const har = () => site.projects.find((p) => p.key === 'HAR')!;
const person = (id: string): SiteUser => site.users.find((u) => u.accountId === id)!;
const newAction = async (text: string) => (await ok('addAction', { retroId, text, ownerId: amira }, sanne)).action;

const fieldErrors = (errors: Record<string, string>) => ({ errorMessages: [], errors });
/** A one-paragraph ADF document around `node`. */
const adf = (node: unknown) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [node] }] });

/** A person's own call to the emulator, as with an API token. */
async function direct(method: string, path: string, body: unknown, who: string) {
  const email = person(who).email;
  const res = await fetch(backend.emulator.baseUrl + path, {
    method, body: JSON.stringify(body),
    headers: {
      authorization: `Basic ${Buffer.from(`${email}:${DEMO_API_TOKEN}`).toString('base64')}`,
      'content-type': 'application/json',
    },
  });
  return { status: res.status, body: await res.json() };
}

describe('create issue follows the project create metadata', () => {
  test('a project without Task: Jira refuses Task; the app creates a Story instead', async () => {
    har().issueTypes = [{ name: 'Story' }, { name: 'Bug' }, { name: 'Epic' }];
    const refused = await direct('POST', '/rest/api/3/issue',
      { fields: { project: { key: 'HAR' }, issuetype: { name: 'Task' }, summary: 'x' } }, sanne);
    expect(refused).toEqual({ status: 400, body: fieldErrors({ issuetype: 'Specify a valid issue type' }) });
    const action = await newAction('Timebox refinement to an hour');
    const { issueKey } = await ok('createActionIssue', { retroId, actionId: action.id }, sanne);
    expect(site.issues.find((i) => i.key === issueKey)).toMatchObject({ issueType: 'Story', summary: action.text });
    const link = site.issues.find((i) => i.key === issueKey)!.properties['scrum-coach-retro'];
    expect(link).toEqual({ retroId, actionId: action.id });
  });

  test('no type that suits an action, or no Create issues: a clear error and no issue', async () => {
    const before = site.issues.length;
    const action = await newAction('Invite QA to planning');
    har().issueTypes = [{ name: 'Bug' }, { name: 'Epic' }];
    const noType = await backend.invoke('createActionIssue', { retroId, actionId: action.id }, sanne);
    expect(noType).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(en(noType.error.message))
      .toBe('Project HAR has no issue type for a retro action (such as Task). Ask a Jira admin to add one.');
    delete har().issueTypes;
    person(sanne).writes = { CREATE_ISSUES: [] };
    const noRight = await backend.invoke('createActionIssue', { retroId, actionId: action.id }, sanne);
    expect(noRight).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(nl(noRight.error.message)).toMatch(/^Je mag geen issues aanmaken in HAR/);
    const post = await direct('POST', '/rest/api/3/issue',
      { fields: { project: { key: 'HAR' }, issuetype: { name: 'Task' }, summary: 'x' } }, sanne);
    expect(post.status).toBe(403);
    expect(post.body.errorMessages).toEqual(['You do not have permission to create issues in this project.']);
    const asked = '/rest/api/3/mypermissions?projectKey=HAR&permissions=CREATE_ISSUES,ADD_COMMENTS';
    const perms = await direct('GET', asked, undefined, sanne);
    expect(perms.body.permissions.CREATE_ISSUES.havePermission).toBe(false);
    expect(perms.body.permissions.ADD_COMMENTS.havePermission).toBe(true);
    expect(site.issues.length).toBe(before);
  });

  test('summaries: Jira refuses a newline; the app sends one line, cut at 255, no character split', async () => {
    const bad = await direct('POST', '/rest/api/3/issue',
      { fields: { project: { key: 'HAR' }, issuetype: { name: 'Task' }, summary: 'two\nlines' } }, sanne);
    expect(bad.body.errors).toEqual({ summary: 'The summary is invalid because it contains newline characters.' });
    const text = `Agree on\nthe definition of ready ${'👩‍💻'.repeat(60)} ${'x'.repeat(200)}`;
    const action = await newAction(text);
    const { issueKey } = await ok('createActionIssue', { retroId, actionId: action.id }, sanne);
    const summary = site.issues.find((i) => i.key === issueKey)!.summary;
    expect(summary.startsWith('Agree on the definition of ready 👩‍💻')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(255);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.slice(0, -1).replace(/(👩‍💻)+/, '')).toBe('Agree on the definition of ready ');
  });

  test('a field the create screen requires is demanded, named as Jira names it', async () => {
    har().issueTypes = [{ name: 'Task', required: ['customfield_10016'] }];
    const res = await direct('POST', '/rest/api/3/issue',
      { fields: { project: { key: 'HAR' }, issuetype: { name: 'Task' }, summary: 'x' } }, sanne);
    expect(res).toEqual({ status: 400, body: fieldErrors({ customfield_10016: 'Story point estimate is required.' }) });
  });

  test('an assignee who may not be assigned in the project is refused', async () => {
    const joost = user(site, 'Joost');
    const res = await direct('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'HAR' }, issuetype: { name: 'Task' }, summary: 'x', assignee: { accountId: joost } },
    }, sanne);
    expect(res).toEqual({ status: 400, body: fieldErrors({ assignee: `User '${joost}' cannot be assigned issues.` }) });
  });
});

describe('comments', () => {
  test('a malformed document and one over 32,767 characters are refused with Jira\'s 400', async () => {
    const malformed = await direct('POST', '/rest/api/3/issue/HAR-3/comment',
      { body: adf({ type: 'text', text: '' }) }, sanne);
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.errors)).toEqual(['comment']);
    const huge = adf({ type: 'text', text: 'a'.repeat(COMMENT_MAX) });
    expect((await direct('POST', '/rest/api/3/issue/HAR-3/comment', { body: huge }, sanne)).body.errors.comment)
      .toMatch(/allowed limit of 32,767 characters/);
  });

  test('a long summary is split into comments that each fit, in order, nothing lost', () => {
    const lines = Array.from({ length: 400 }, (_, n) => `Line ${n}: ${'é'.repeat(150)}`).concat('ß'.repeat(50_000));
    const docs = commentDocuments(lines, (n, total) => `(part ${n} of ${total})`);
    expect(docs.length).toBeGreaterThan(2);
    for (const doc of docs) expect(JSON.stringify(doc).length).toBeLessThanOrEqual(COMMENT_MAX);
    const texts = docs.flatMap((d) => d.content.map((p: any) => p.content[0].text as string));
    expect(texts.filter((t) => !t.startsWith('(part ')).join('')).toBe(lines.join(''));
    expect(texts.at(-1)).toBe(`(part ${docs.length} of ${docs.length})`);
  });

  test('without Add comments: FORBIDDEN and a message saying so, not "not found"', async () => {
    person(sanne).writes = { ADD_COMMENTS: ['FAL'] };
    const count = site.comments.length;
    const res = await backend.invoke('postRetroSummary', { retroId, issueKey: 'HAR-3' }, sanne);
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(en(res.error.message))
      .toBe("Could not save a comment on HAR-3: you may not comment on HAR-3 (Jira's Add comments permission)");
    expect(site.comments.length).toBe(count);
  });
});

describe('refinement writes need Edit issues and Schedule issues', () => {
  test('scores without Edit issues, ranking without Schedule issues: FORBIDDEN, nothing changed', async () => {
    const items = (await ok('getBacklog', { boardId: 1, pages: 1 }, pieter)).items;
    person(pieter).writes = { EDIT_ISSUES: [], SCHEDULE_ISSUES: [] };
    const scores = { value: 5, timeCriticality: 3, riskReduction: 2, jobSize: 3 };
    const edit = await backend.invoke('setScores', { boardId: 1, issueKey: items[0].key, scores }, pieter);
    expect(edit).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(en(edit.error.message)).toMatch(/you may not edit .* \(Jira's Edit issues permission\)$/);
    const ranks = site.issues.map((i) => i.rank);
    const order = await backend.invoke('applyOrder', { boardId: 1, order: [items[2].key, items[0].key] }, pieter);
    expect(order).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(en(order.error.message)).toMatch(/Schedule issues permission/);
    expect(site.issues.map((i) => i.rank)).toEqual(ranks);
  });
});

describe('a 502 after Jira did the work', () => {
  test('a created issue is not created twice; the person is told to check Jira', async () => {
    const action = await newAction('Demo to stakeholders every sprint');
    const before = site.issues.length;
    backend.emulator.resetCounts();
    backend.emulator.injectFaults({ status: 502, after: true, path: '/rest/api/3/issue', method: 'POST' });
    const res = await backend.invoke('createActionIssue', { retroId, actionId: action.id }, sanne);
    expect(res).toMatchObject({ ok: false, error: { code: 'JIRA_UNAVAILABLE' } });
    expect(en(res.error.message))
      .toMatch(/^Could not save a new issue in HAR: Jira answered 502.*check in Jira before trying again$/);
    expect(site.issues.length).toBe(before + 1);
    expect(backend.emulator.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([502]);
  });

  test('a comment likewise: one comment, one request', async () => {
    const count = site.comments.length;
    backend.emulator.resetCounts();
    backend.emulator.injectFaults({ status: 504, after: true, path: '/rest/api/3/issue/HAR-3/comment' });
    const res = await backend.invoke('postRetroSummary', { retroId, issueKey: 'HAR-3' }, sanne);
    expect(en(res.error.message)).toMatch(/Jira answered 504.*check in Jira before trying again$/);
    expect(site.comments.length).toBe(count + 1);
    expect(backend.emulator.count('/rest/api/3/issue/HAR-3/comment')).toBe(1);
  });

  test('a 429 on a create is repeated (Jira did nothing) and makes one issue', async () => {
    const action = await newAction('Rotate the Scrum Master role');
    const before = site.issues.length;
    backend.emulator.resetCounts();
    backend.emulator.injectFaults({ status: 429, retryAfterSeconds: 0, path: '/rest/api/3/issue', method: 'POST' });
    await ok('createActionIssue', { retroId, actionId: action.id }, sanne);
    expect(site.issues.length).toBe(before + 1);
    expect(backend.emulator.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([429, 201]);
  });

  test('afterFaultRate fails writes after their work, and leaves reads alone', async () => {
    backend.emulator.setAfterFaultRate(1);
    try {
      const put = await direct('PUT', '/rest/api/3/issue/HAR-3/properties/after-fault', { n: 1 }, sanne);
      expect([502, 504]).toContain(put.status);
      expect(site.issues.find((i) => i.key === 'HAR-3')!.properties['after-fault']).toEqual({ n: 1 });
      const read = await direct('GET', '/rest/api/3/issue/HAR-3/properties/after-fault', undefined, sanne);
      expect(read.status).toBe(200);
    } finally {
      backend.emulator.setAfterFaultRate(0);
    }
  });

  test('idempotent PUTs (scores, rank) are retried and end correct', async () => {
    const items = (await ok('getBacklog', { boardId: 1, pages: 1 }, pieter)).items;
    const scores = { value: 8, timeCriticality: 5, riskReduction: 1, jobSize: 2 };
    backend.emulator.resetCounts();
    backend.emulator.injectFaults({ status: 502, after: true, path: `/rest/api/3/issue/${items[1].key}/properties` });
    await ok('setScores', { boardId: 1, issueKey: items[1].key, scores }, pieter);
    expect(backend.emulator.count(`/rest/api/3/issue/${items[1].key}/properties`)).toBe(2);
    expect(JSON.stringify(site.issues.find((i) => i.key === items[1].key)!.properties)).toContain('"value":8');
    backend.emulator.injectFaults({ status: 504, after: true, path: '/rest/agile/1.0/issue/rank' });
    await ok('applyOrder', { boardId: 1, order: [items[3].key, items[0].key] }, pieter);
    const ranked = [...site.issues].sort((a, b) => a.rank.localeCompare(b.rank)).map((i) => i.key);
    expect(ranked.indexOf(items[3].key)).toBeLessThan(ranked.indexOf(items[0].key));
  });
});
