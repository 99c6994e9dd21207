/**
 * Jira Cloud behaviours the app relies on, asked the same way of the emulator and — when JIRA_SITE,
 * JIRA_EMAIL and JIRA_API_TOKEN are set — of a real site, so the first person with a site confirms the
 * emulator in one command: `JIRA_SITE=… JIRA_EMAIL=… JIRA_API_TOKEN=… npx jest tests/contract/jiraBehaviour`.
 * Read-only: nothing is written to the real site.
 */
import { DEMO_API_TOKEN, JiraEmulator } from '../../dev/jira/emulator';
import { demoSite } from '../support/harness';

interface Target {
  base: string;
  authorization: string;
  close(): Promise<void>;
}

type Json = Record<string, any>;

async function call(target: Target, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(target.base + path, {
    method: init.method ?? 'GET',
    headers: {
      authorization: target.authorization,
      accept: 'application/json',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

async function emulatorTarget(): Promise<Target> {
  const site = demoSite();
  const emulator = new JiraEmulator(site);
  await emulator.listen();
  const person = site.users.find((u) => u.browse.length > 0)!;
  const authorization = `Basic ${Buffer.from(`${person.email}:${DEMO_API_TOKEN}`).toString('base64')}`;
  return { base: emulator.baseUrl, authorization, close: () => emulator.close() };
}

function realSiteTarget(): Target | null {
  const { JIRA_SITE, JIRA_EMAIL, JIRA_API_TOKEN } = process.env;
  if (!JIRA_SITE || !JIRA_EMAIL || !JIRA_API_TOKEN) return null;
  const authorization = `Basic ${Buffer.from(`${JIRA_EMAIL}:${JIRA_API_TOKEN}`).toString('base64')}`;
  return { base: JIRA_SITE.replace(/\/$/, ''), authorization, close: async () => {} };
}

/** One Scrum board the caller sees, and an issue of its project. */
async function someBoardAndIssue(target: Target) {
  const boards = await call(target, '/rest/agile/1.0/board?type=scrum&maxResults=1');
  const board = boards.body.values[0];
  const projectKey: string = board.location.projectKey;
  const search = await call(target, '/rest/api/3/search/jql', {
    method: 'POST', body: { jql: `project = "${projectKey}" ORDER BY created ASC`, fields: ['summary'], maxResults: 1 },
  });
  return { boardId: board.id as number, projectKey, issue: search.body.issues[0] as Json };
}

function behaviours(name: string, makeTarget: () => Promise<Target | null>) {
  const runIf = realSiteTarget() || name === 'emulator' ? describe : describe.skip;
  runIf(`Jira behaviours the app relies on — ${name}`, () => {
    let target: Target;
    beforeAll(async () => { target = (await makeTarget())!; });
    afterAll(async () => target?.close());

    test('search/jql returns issue ids only unless fields are asked for', async () => {
      const { projectKey } = await someBoardAndIssue(target);
      const res = await call(target, '/rest/api/3/search/jql', {
        method: 'POST', body: { jql: `project = "${projectKey}"`, maxResults: 5 },
      });
      expect(res.status).toBe(200);
      for (const issue of res.body.issues) expect(Object.keys(issue).filter((k) => k !== 'id' && k !== 'key')).toEqual([]);
    });

    test('asked for fields, search/jql returns each issue with its key and those fields', async () => {
      const { issue } = await someBoardAndIssue(target);
      expect(typeof issue.key).toBe('string');
      expect(typeof issue.fields.summary).toBe('string');
    });

    test('a key that does not exist fails the whole JQL query with a 400', async () => {
      const { projectKey, issue } = await someBoardAndIssue(target);
      const res = await call(target, '/rest/api/3/search/jql', {
        method: 'POST', body: { jql: `key in ("${issue.key}", "${projectKey}-999999999")`, fields: ['summary'] },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(`${projectKey}-999999999`);
    });

    test('bulk fetch leaves a missing key out instead of failing', async () => {
      const { projectKey, issue } = await someBoardAndIssue(target);
      const res = await call(target, '/rest/api/3/issue/bulkfetch', {
        method: 'POST', body: { issueIdsOrKeys: [issue.key, `${projectKey}-999999999`], fields: ['summary'] },
      });
      expect(res.status).toBe(200);
      expect(res.body.issues.map((i: Json) => i.key)).toEqual([issue.key]);
    });

    test("a board's sprint list names each sprint's own board (originBoardId)", async () => {
      const { boardId } = await someBoardAndIssue(target);
      const res = await call(target, `/rest/agile/1.0/board/${boardId}/sprint?maxResults=50`);
      expect(res.status).toBe(200);
      for (const sprint of res.body.values) expect(typeof sprint.originBoardId).toBe('number');
    });

    test('user search lists active people only', async () => {
      const res = await call(target, '/rest/api/3/user/search?query=a&maxResults=50');
      expect(res.status).toBe(200);
      for (const person of res.body as unknown as Json[]) expect(person.active).not.toBe(false);
    });

    test('write permissions are separate answers of mypermissions', async () => {
      const { projectKey } = await someBoardAndIssue(target);
      const wanted = 'CREATE_ISSUES,ADD_COMMENTS,EDIT_ISSUES,SCHEDULE_ISSUES';
      const res = await call(target, `/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=${wanted}`);
      expect(res.status).toBe(200);
      for (const p of wanted.split(',')) expect(typeof res.body.permissions[p].havePermission).toBe('boolean');
    });
  });
}

behaviours('emulator', emulatorTarget);
behaviours('real site (JIRA_SITE)', async () => realSiteTarget());
