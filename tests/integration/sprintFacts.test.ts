import { demoSite, startBackend, user, type Backend } from '../support/harness';
import { oracleFacts } from '../support/oracle';
import type { Site } from '../../dev/jira/site';
import { en, nl } from '../support/i18n';
import { VISIBILITY_CHUNK } from '../../src/jira/visibility';

let site: Site;
let backend: Backend;
let sanne: string, joost: string, clara: string, guest: string;

beforeAll(async () => {
  site = demoSite();
  backend = await startBackend(site);
  sanne = user(site, 'Sanne');
  joost = user(site, 'Joost');
  clara = user(site, 'Clara');
  guest = user(site, 'Guest');
});
afterAll(() => backend.close());
beforeEach(() => backend.emulator.resetCounts());

const closedSprints = (boardId: number) => site.sprints.filter((s) => s.boardId === boardId && s.state === 'closed');

describe('boards and sprints', () => {
  test('each user sees only the boards of projects they may browse', async () => {
    const names = async (who: string) => (await backend.invoke('getBoards', {}, who)).data.map((b: { name: string }) => b.name);
    expect(await names(sanne)).toEqual(['Harbor board']);
    expect(await names(joost)).toEqual(['Falcon board']);
    expect(await names(clara)).toEqual(['Harbor board', 'Falcon board']);
    expect(await names(guest)).toEqual([]);
    const har = await backend.invoke('getBoards', { projectKey: 'HAR' }, clara);
    expect(har.data.map((b: { id: number }) => b.id)).toEqual([1]);
  });

  test('sprints of a board come newest first, future sprints left out', async () => {
    const res = await backend.invoke('getSprints', { boardId: 1 }, sanne);
    expect(res.ok).toBe(true);
    const expected = site.sprints.filter((s) => s.boardId === 1 && s.state !== 'future').map((s) => s.id).reverse();
    expect(res.data.sprints.map((s: { id: number }) => s.id)).toEqual(expected);
    expect(res.data.sprints[0].state).toBe('active');
  });
});

describe('sprint facts through resolver → @forge/api → Jira emulator', () => {
  test('every closed sprint matches the facts computed straight from the site data', async () => {
    for (const boardId of [1, 2]) {
      for (const s of closedSprints(boardId)) {
        const res = await backend.invoke('getSprintFacts', { boardId, sprintId: s.id }, clara);
        expect(res).toMatchObject({ ok: true, warnings: [] });
        const expected = oracleFacts(site, s.id, Date.now());
        expect(res.data.totals).toEqual(expected.totals);
        expect(res.data.metrics).toEqual(expected.metrics);
        expect(res.data.issues.map((i: { key: string }) => i.key)).toEqual(expected.issues.map((i) => i.key));
      }
    }
  });

  test('the demo site exercises every category: added, removed, re-estimated, carried over, done outside', async () => {
    const all = closedSprints(1).concat(closedSprints(2)).map((s) => oracleFacts(site, s.id, Date.now()));
    const sumOf = (pick: (f: (typeof all)[number]) => number) => all.reduce((n, f) => n + pick(f), 0);
    expect(sumOf((f) => f.totals.added.count)).toBeGreaterThan(5);
    expect(sumOf((f) => f.totals.removed.count)).toBeGreaterThan(2);
    expect(sumOf((f) => f.totals.notCompleted.count)).toBeGreaterThan(5);
    expect(sumOf((f) => f.totals.completedOutside.count)).toBeGreaterThan(0);
    expect(sumOf((f) => f.issues.filter((i) => i.estimateChanges.length).length)).toBeGreaterThan(2);
    expect(sumOf((f) => f.metrics.flaggedHours)).toBeGreaterThan(0);
  });

  test('a sprint costs list pages + one changelog call + a visibility search + a few, never a call per issue', async () => {
    const s = closedSprints(1)[3];
    backend.store.clear();
    const active = site.sprints.find((x) => x.boardId === 1 && x.state === 'active')!;
    await backend.invoke('getSprintFacts', { boardId: 1, sprintId: active.id }, sanne); // warms field discovery (cached a day)
    backend.emulator.resetCounts();
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: s.id }, sanne);
    const n = res.data.issues.length;
    const e = backend.emulator;
    expect(e.count('/rest/api/3/changelog/bulkfetch')).toBe(Math.ceil(n / 1000));
    expect(e.count('/rest/software/1.0/')).toBe(Math.ceil(n / 100));
    expect(e.count('/rest/api/3/issue/')).toBe(0);
    const authorization = e.count('/rest/agile/1.0/board/1') - e.count('/rest/agile/1.0/board/1/') + e.count('/rest/api/3/mypermissions');
    expect(authorization).toBe(2);
    // Cold, a closed sprint is loaded as the app, then cut to what the caller sees: one id-only search per 500 issues.
    expect(e.count('/rest/api/3/search/jql')).toBeGreaterThanOrEqual(Math.ceil(n / VISIBILITY_CHUNK));
    const budget = Math.ceil(n / 100) + Math.ceil(n / 1000) + Math.ceil(n / VISIBILITY_CHUNK) + 4;
    expect(e.requests.length - authorization).toBeLessThanOrEqual(budget);
  });

  test('closed sprints are served from the cache the second time: no lists, no changelogs, one visibility search', async () => {
    const sprints = closedSprints(2);
    for (const s of sprints) await backend.invoke('getSprintFacts', { boardId: 2, sprintId: s.id }, joost);
    backend.emulator.resetCounts();
    const again = [];
    for (const s of sprints) again.push(await backend.invoke('getSprintFacts', { boardId: 2, sprintId: s.id }, joost));
    expect(again.every((r) => r.ok)).toBe(true);
    expect(backend.emulator.count('/rest/api/3/changelog/bulkfetch')).toBe(0);
    expect(backend.emulator.count('/rest/software/1.0/')).toBe(0);
    // Cached inputs are shared by every viewer, so each request asks Jira, as the caller, which issues they see.
    expect(backend.emulator.count('/rest/api/3/search/jql')).toBe(sprints.length);
    // Besides that: the board and the permission check (authorisation) and the sprint itself.
    expect(backend.emulator.requests).toHaveLength(4 * sprints.length);
  });

  test('the active sprint is never cached', async () => {
    const active = site.sprints.find((s) => s.boardId === 1 && s.state === 'active')!;
    await backend.invoke('getSprintFacts', { boardId: 1, sprintId: active.id }, sanne);
    backend.emulator.resetCounts();
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: active.id }, sanne);
    expect(res.data.window.isFinal).toBe(false);
    expect(backend.emulator.count('/rest/api/3/changelog/bulkfetch')).toBe(1);
    expect(Object.keys(backend.store.snapshot()).filter((k) => k.endsWith(`:sprint:${active.id}`))).toEqual([]);
  });
});

describe('access and bad input', () => {
  test('a user who cannot see the board gets NOT_FOUND and no data, and nothing is stored', async () => {
    const before = JSON.stringify(backend.store.snapshot());
    const sprintId = closedSprints(1)[0].id;
    for (const who of [joost, guest]) {
      const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId }, who);
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(en(res.error.message)).toContain('Board 1');
      const sprints = await backend.invoke('getSprints', { boardId: 1 }, who);
      expect(sprints.ok).toBe(false);
    }
    expect(JSON.stringify(backend.store.snapshot())).toBe(before);
  });

  test('a sprint of another board is not served through a board the user can see', async () => {
    const falconSprint = closedSprints(2)[0].id;
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: falconSprint }, clara);
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test.each([
    [{}],
    [{ boardId: 'one', sprintId: 2 }],
    [{ boardId: -1, sprintId: 2 }],
    [{ boardId: 1.5, sprintId: 2 }],
    [{ boardId: 1, sprintId: 2, extra: true }],
    [null],
  ])('payload %j is rejected before any Jira call', async (payload) => {
    const res = await backend.invoke('getSprintFacts', payload, sanne);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(backend.emulator.requests).toHaveLength(0);
  });

  test('a future sprint gets a clear CONFLICT, not a crash', async () => {
    const future = site.sprints.find((s) => s.boardId === 1 && s.state === 'future')!;
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: future.id }, sanne);
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(en(res.error.message)).toContain('has not started');
    expect(nl(res.error.message)).toContain('is nog niet begonnen');
  });
});

describe('rate limits and outages', () => {
  const sprintId = () => closedSprints(1)[5].id;

  test('429 with Retry-After and a 503 are retried and the answer is complete', async () => {
    backend.emulator.injectFaults({ status: 429, retryAfterSeconds: 0 }, { status: 503 });
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: closedSprints(1)[6].id }, sanne);
    expect(res).toMatchObject({ ok: true, warnings: [] });
    expect(backend.emulator.requests.filter((r) => r.status === 429 || r.status === 503)).toHaveLength(2);
  });

  test('after 4 retries a failing changelog call gives partial facts with a warning, and they are not cached', async () => {
    const id = sprintId();
    backend.store.clear();
    backend.emulator.injectFaults(...Array.from({ length: 5 }, () => ({ status: 429 as const, retryAfterSeconds: 0, path: '/rest/api/3/changelog/bulkfetch' })));
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: id }, sanne);
    expect(res.ok).toBe(true);
    expect(res.warnings.map(en)).toEqual([expect.stringMatching(/Could not load the change history of \d+ issues: Jira answered 429.*gave up after 5 attempts/)]);
    expect(res.warnings.map(nl)).toEqual([expect.stringMatching(/^Kon de wijzigingsgeschiedenis van \d+ issues niet laden: Jira antwoordde 429.*opgegeven na 5 pogingen/)]);
    expect(res.data.issues.length).toBeGreaterThan(0);
    expect(backend.emulator.count('/rest/api/3/changelog/bulkfetch')).toBe(5);
    expect(Object.keys(backend.store.snapshot()).filter((k) => k.endsWith(`:sprint:${id}`))).toEqual([]);
  });

  test('a dropped connection is retried like a 503; when Jira never answers, the error says so', async () => {
    backend.emulator.injectFaults({ status: 'reset', path: '/rest/agile/1.0/sprint/' });
    expect(await backend.invoke('getSprintFacts', { boardId: 1, sprintId: sprintId() }, sanne)).toMatchObject({ ok: true });
    expect(backend.emulator.requests.filter((r) => r.status === 0)).toHaveLength(1);
    backend.emulator.injectFaults(...Array.from({ length: 5 }, () => ({ status: 'reset' as const, path: '/rest/agile/1.0/sprint/' })));
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: sprintId() }, sanne);
    expect(res).toMatchObject({ ok: false, error: { code: 'JIRA_UNAVAILABLE' } });
    expect(en(res.error.message)).toMatch(new RegExp(`^Could not load sprint ${sprintId()}: Jira did not answer \\(.+; gave up after 5 attempts\\)$`));
    expect(nl(res.error.message)).toMatch(/^Kon sprint \d+ niet laden: Jira gaf geen antwoord/);
  }, 30_000);

  test('when the sprint itself cannot be loaded the error names it', async () => {
    backend.emulator.injectFaults(...Array.from({ length: 5 }, () => ({ status: 503 as const, path: '/rest/agile/1.0/sprint/' })));
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: sprintId() }, sanne);
    expect(res).toMatchObject({ ok: false, error: { code: 'JIRA_UNAVAILABLE' } });
    expect(en(res.error.message)).toContain(`Could not load sprint ${sprintId()}: Jira answered 503`);
  }, 30_000);
});

describe('issue panel: an issue through its sprints', () => {
  test('a carried-over issue shows each sprint with the outcome the sprint report gives it', async () => {
    const issue = site.issues.find((i) => i.key === 'HAR-19')!;
    const res = await backend.invoke('getIssueSprints', { issueKey: 'HAR-19' }, sanne);
    expect(res.ok).toBe(true);
    const started = issue.sprintIds.filter((id) => site.sprints.find((s) => s.id === id)!.state !== 'future');
    expect(res.data.sprints.map((r: { sprint: { id: number } }) => r.sprint.id)).toEqual(started);
    for (const row of res.data.sprints) {
      const expected = oracleFacts(site, row.sprint.id, Date.now()).issues.find((i) => i.key === 'HAR-19')!;
      expect(row.issue.outcome).toBe(expected.outcome);
    }
    expect(res.data.sprints.filter((r: { issue: { outcome: string } }) => r.issue.outcome === 'notCompleted').length).toBeGreaterThan(0);
  });

  test('an issue the caller cannot browse is NOT_FOUND; a malformed key is INVALID_INPUT', async () => {
    expect(await backend.invoke('getIssueSprints', { issueKey: 'HAR-19' }, joost)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await backend.invoke('getIssueSprints', { issueKey: 'har-19; drop' }, sanne)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
