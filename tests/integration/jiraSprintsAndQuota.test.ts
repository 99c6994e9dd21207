/**
 * Jira Cloud as it is, not as kind as the demo: a board's sprint list that holds another board's
 * sprint, a spent hourly points budget (429 with a long Retry-After), boards found by their filter and
 * hidden by its shares, and a user search that answers some people with an empty list.
 */
import type { Site } from '../../dev/jira/site';
import { demoSite, startBackend, user, type Backend } from '../support/harness';
import { oracleFacts } from '../support/oracle';
import { en, nl } from '../support/i18n';

/** A closed sprint made on Falcon's board that also holds one Harbor issue: it shows on both boards. */
const FOREIGN_SPRINT = 113;

function testSite(): Site {
  const site = demoSite();
  const model = site.sprints.find((s) => s.id === 110)!;
  site.sprints.push({ ...model, id: FOREIGN_SPRINT, name: 'FAL Sprint shared', goal: 'Borrow a Harbor story' });
  site.issues.find((i) => i.key === 'HAR-40')!.sprintIds.push(FOREIGN_SPRINT);
  // A board located in Falcon whose filter shows Harbor's issues, shared with Clara alone.
  const harbor = site.boards.find((b) => b.id === 1)!;
  site.boards.push({
    ...harbor, id: 3, name: 'Cross-team board', projectKey: 'FAL', filterId: 10003,
    filterProjectKeys: ['HAR'], filterShares: { accountIds: [user(site, 'Clara')] },
  });
  site.users.find((u) => u.displayName === 'Mei Chen')!.active = false;
  site.users.find((u) => u.displayName === 'Amira Haddad')!.browseUsers = false;
  return site;
}

let site: Site;
let backend: Backend;
let clara: string, sanne: string, amira: string, mei: string;

beforeAll(async () => {
  site = testSite();
  backend = await startBackend(site);
  [clara, sanne, amira, mei] = ['Clara', 'Sanne', 'Amira', 'Mei'].map((n) => user(site, n));
});
afterAll(() => backend.close());

async function ok(fn: string, payload: unknown, who: string) {
  const res = await backend.invoke(fn, payload, who);
  if (!res.ok) throw new Error(`${fn}: ${res.error.code} ${en(res.error.message)}`);
  return res;
}

const cachedSprintIds = () => Object.keys(backend.store.snapshot())
  .map((key) => /^sprint-inputs:v\d+:sprint:(\d+)$/.exec(key)?.[1])
  .filter((id): id is string => !!id)
  .map(Number);

describe('a sprint of another board on the board\'s sprint list', () => {
  test('the emulator lists it for Harbor\'s board as Jira does, with Falcon\'s board as its origin', async () => {
    const auth = `Basic ${Buffer.from(`${site.users.find((u) => u.accountId === clara)!.email}:demo-token`).toString('base64')}`;
    const res = await fetch(`${backend.emulator.baseUrl}/rest/agile/1.0/board/1/sprint?state=closed`, { headers: { authorization: auth } });
    const ids = ((await res.json()) as { values: { id: number; originBoardId: number }[] }).values;
    expect(ids.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, FOREIGN_SPRINT]);
    expect(ids.at(-1)).toMatchObject({ id: FOREIGN_SPRINT, originBoardId: 2 });
  });

  test('coach view, refinement velocities and the sprint picker ignore it, and nothing is cached for it', async () => {
    const own = site.sprints.filter((s) => s.boardId === 1 && s.state !== 'future').map((s) => s.id);

    const coach = (await ok('getCoachSprints', { boardId: 1, window: 10 }, clara)).data;
    expect(coach.sprints.map((s: { id: number }) => s.id)).toEqual(own.slice(-10));
    const series = (await ok('getTeamSeries', { boardId: 1, sprintIds: [10, FOREIGN_SPRINT] }, clara)).data;
    expect(series.map((p: { sprintId: number }) => p.sprintId)).toEqual([10]);

    const picker = (await ok('getSprints', { boardId: 1 }, sanne)).data;
    expect(picker.sprints.map((s: { id: number }) => s.id)).toEqual([...own].reverse());

    const backlog = (await ok('getBacklog', { boardId: 1, pages: 1 }, sanne)).data;
    const lastThree = site.sprints.filter((s) => s.boardId === 1 && s.state === 'closed').slice(-3);
    expect(backlog.velocities).toEqual(lastThree.map((s) => oracleFacts(site, s.id, Date.now()).metrics.velocity));

    expect(cachedSprintIds()).toContain(10);
    expect(cachedSprintIds()).not.toContain(FOREIGN_SPRINT);
  });

  test('asked for directly under the wrong board, it is "not found"; under its own board it is served', async () => {
    const wrong = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: FOREIGN_SPRINT }, clara);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(cachedSprintIds()).not.toContain(FOREIGN_SPRINT);
    const right = (await ok('getSprintFacts', { boardId: 2, sprintId: FOREIGN_SPRINT }, clara)).data;
    expect(right.sprint.id).toBe(FOREIGN_SPRINT);
    expect(cachedSprintIds()).toContain(FOREIGN_SPRINT);
  });
});

describe('Jira\'s rate limits', () => {
  afterEach(() => backend.emulator.spendQuota(0));

  test('a spent hourly points quota: the resolver answers at once, with one request, and says when to come back', async () => {
    backend.emulator.spendQuota(45 * 60);
    backend.emulator.resetCounts();
    const started = Date.now();
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: 10 }, clara);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(backend.emulator.count()).toBe(1);
    expect(res).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // One early request added Jira's penalty: 45 min + 1 min, rounded up.
    expect(en(res.error.message)).toMatch(/rate limit for Scrum Coach on this site is used up for now; try again in 4[67] min \(around \d\d:\d\d UTC\)/);
    expect(nl(res.error.message)).toMatch(/limiet van Jira voor Scrum Coach op deze site is voorlopig op; probeer het over 4[67] min opnieuw/);
  });

  test('the emulator answers a spent quota with Jira\'s headers, and an early retry lengthens the wait', async () => {
    backend.emulator.spendQuota(600);
    const headers = { authorization: 'Bearer scrum-coach-local-app', 'forge-proxy-authorization': 'x' };
    const first = await fetch(`${backend.emulator.baseUrl}/rest/api/3/myself`, { headers });
    const second = await fetch(`${backend.emulator.baseUrl}/rest/api/3/myself`, { headers });
    expect(first.status).toBe(429);
    expect(first.headers.get('ratelimit-reason')).toBe('jira-quota-tenant-based');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(first.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(Number(first.headers.get('retry-after')));
    // API-token traffic is not under the app's quota.
    const auth = `Basic ${Buffer.from(`${site.users[0].email}:demo-token`).toString('base64')}`;
    expect((await fetch(`${backend.emulator.baseUrl}/rest/api/3/myself`, { headers: { authorization: auth } })).status).toBe(200);
  });

  test('a short Retry-After is still waited out and retried', async () => {
    backend.emulator.resetCounts();
    backend.emulator.injectFaults({ status: 429, retryAfterSeconds: 1, path: '/rest/agile/1.0/board/1/sprint' });
    const res = await ok('getSprints', { boardId: 1 }, sanne);
    expect(res.data.sprints.length).toBeGreaterThan(0);
    const sprintCalls = backend.emulator.requests.filter((r) => r.path === '/rest/agile/1.0/board/1/sprint');
    expect(sprintCalls.map((r) => r.status)).toEqual([429, 200]);
  });

  test('a quota spent half-way through a read: the facts come with a warning that says so, and nothing more is sent', async () => {
    backend.emulator.resetCounts();
    backend.emulator.injectFaults({
      status: 429, retryAfterSeconds: 1800, reason: 'jira-quota-tenant-based', path: '/rest/api/3/changelog/bulkfetch',
    });
    const res = await ok('getSprintFacts', { boardId: 1, sprintId: 11 }, sanne);
    expect(res.data.sprint.id).toBe(11);
    expect(res.warnings.map(en).join('\n')).toMatch(/rate limit for Scrum Coach on this site is used up for now; try again in 30 min/);
    expect(backend.emulator.requests.filter((r) => r.status === 429)).toHaveLength(1);
  });
});

describe('boards by their filter, and people Jira lets you find', () => {
  const boardIds = (boards: { id: number }[]) => boards.map((b) => b.id).sort();

  test('a board is listed for the project its filter shows, and only for those its filter is shared with', async () => {
    expect(boardIds((await ok('getBoards', { projectKey: 'HAR' }, clara)).data)).toEqual([1, 3]);
    expect(boardIds((await ok('getBoards', { projectKey: 'FAL' }, clara)).data)).toEqual([2]);
    expect(boardIds((await ok('getBoards', {}, sanne)).data)).toEqual([1]);
    expect(await backend.invoke('getSprints', { boardId: 3 }, sanne)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await ok('getSprints', { boardId: 3 }, clara)).data.board).toMatchObject({ id: 3, projectKey: 'FAL' });
  });

  test('the user picker finds active people only, and tells someone without "Browse users and groups" why it is empty', async () => {
    const found = (await ok('findUsers', { query: 'a' }, sanne)).data as { accountId: string }[];
    expect(found.map((u) => u.accountId)).toContain(amira);
    expect(found.map((u) => u.accountId)).not.toContain(mei);
    expect((await ok('findUsers', { query: 'Mei' }, sanne)).data).toEqual([]);
    const refused = await backend.invoke('findUsers', { query: 'Sanne' }, amira);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(en(refused.error.message)).toBe("You need Jira's Browse users and groups permission to look people up. Ask a Jira admin for it.");
    expect(nl(refused.error.message)).toMatch(/Gebruikers en groepen doorzoeken/);
  });

  test('an owner Jira does not show is named as such in the export, never as a raw account id', async () => {
    const retro = (await ok('createRetro', { boardId: 1, sprintId: 9, formatId: 'start-stop-continue' }, sanne)).data;
    for (const phase of ['gather', 'insights', 'decide']) await ok('setPhase', { retroId: retro.id, phase }, sanne);
    await ok('addAction', { retroId: retro.id, text: 'Pair on releases', ownerId: amira }, sanne);
    await ok('addAction', { retroId: retro.id, text: 'Hand over the runbook', ownerId: mei }, sanne);
    const bySanne = (await ok('exportRetro', { retroId: retro.id }, sanne)).data.markdown as string;
    expect(bySanne).toContain('Pair on releases — Amira Haddad');
    expect(bySanne).toContain('Hand over the runbook — someone Jira does not show you');
    const byAmira = (await ok('exportRetro', { retroId: retro.id }, amira)).data.markdown as string;
    expect(byAmira).toContain('Pair on releases — someone Jira does not show you');
    expect(byAmira).not.toContain(mei);
    expect(byAmira).not.toContain(amira);
  });
});
