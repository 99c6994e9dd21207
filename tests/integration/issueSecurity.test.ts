/**
 * Issue security levels: Jira hides single issues from some people. The emulator must hide them
 * everywhere an issue is served, and closed-sprint facts — whose inputs are cached once for all
 * viewers — must show each person only what Jira shows them, whoever opened the sprint first.
 */
import { seriesOf } from '../../src/domain/patterns';
import type { Site, SiteIssue } from '../../dev/jira/site';
import { APP_AUTHORIZATION, DEMO_API_TOKEN } from '../../dev/jira/emulator';
import { demoSite, startBackend, user, type Backend } from '../support/harness';
import { oracleFacts } from '../support/oracle';
import { en } from '../support/i18n';

const LEVEL = { id: '10200', name: 'Security fixes' };
const SECRET_SUMMARY = 'Confidential: rotate the leaked payment gateway key';

let site: Site;
let backend: Backend;
let sanne: string, clara: string;
/** A closed Harbor sprint with a completed committed issue and a removed one; both get the level. */
let sprintId: number;
let hidden: SiteIssue[];

/** The sprint's site issues without the hidden ones: what Sanne may see, for the oracle. */
const siteWithout = (gone: SiteIssue[]): Site => ({ ...site, issues: site.issues.filter((i) => !gone.includes(i)) });

beforeAll(async () => {
  site = demoSite();
  sanne = user(site, 'Sanne'); // browses HAR, not in the level
  clara = user(site, 'Clara'); // browses HAR and FAL, in the level
  site.securityLevels = [{ ...LEVEL, memberAccountIds: [clara] }];
  const now = Date.now();
  const candidates = site.sprints.filter((s) => s.boardId === 1 && s.state === 'closed');
  const chosen = candidates.map((s) => ({ s, facts: oracleFacts(site, s.id, now) })).find(({ facts }) =>
    facts.issues.some((i) => i.outcome === 'removed') && facts.issues.some((i) => i.committed && i.outcome === 'completed'))!;
  sprintId = chosen.s.id;
  const pick = (key: string) => site.issues.find((i) => i.key === key)!;
  hidden = [
    pick(chosen.facts.issues.find((i) => i.committed && i.outcome === 'completed')!.key),
    pick(chosen.facts.issues.find((i) => i.outcome === 'removed')!.key),
  ];
  for (const issue of hidden) issue.securityLevelId = LEVEL.id;
  hidden[0].summary = SECRET_SUMMARY;
  // Jira caches nothing for us: a KVS that takes time, so racing invocations really interleave.
  backend = await startBackend(site, {}, { kvsLatencyMs: 15 });
});
afterAll(() => backend.close());
beforeEach(() => backend.emulator.resetCounts());

const facts = (who: string) => backend.invoke('getSprintFacts', { boardId: 1, sprintId }, who);

/** Nothing of the hidden issues anywhere in an answer: not their keys, ids or the secret summary. */
function expectNothingHidden(answer: unknown) {
  const json = JSON.stringify(answer);
  for (const issue of hidden) {
    expect(json).not.toContain(JSON.stringify(issue.key));
    expect(json).not.toContain(`"id":${JSON.stringify(issue.id)}`);
  }
  expect(json).not.toContain(SECRET_SUMMARY);
}

function expectFactsFor(res: any, expectedSite: Site) {
  expect(res).toMatchObject({ ok: true, warnings: [] });
  const expected = oracleFacts(expectedSite, sprintId, Date.now());
  expect(res.data.issues.map((i: { key: string }) => i.key)).toEqual(expected.issues.map((i) => i.key));
  expect(res.data.totals).toEqual(expected.totals);
  expect(res.data.metrics).toEqual(expected.metrics);
  expect(res.data.timeline).toEqual(expected.timeline);
}

describe('closed-sprint facts never cross users', () => {
  test('the hidden issues really change the facts (or these tests could not fail)', () => {
    const full = oracleFacts(site, sprintId, Date.now());
    const restricted = oracleFacts(siteWithout(hidden), sprintId, Date.now());
    expect(restricted.totals.completed).not.toEqual(full.totals.completed);
    expect(restricted.totals.removed).not.toEqual(full.totals.removed);
  });

  test.each([
    ['the restricted user first', () => [sanne, clara]],
    ['the member first', () => [clara, sanne]],
  ])('%s: each gets their own facts, and the restricted one sees nothing hidden', async (_, order) => {
    backend.store.clear();
    const answers = new Map<string, unknown>();
    for (const who of order()) answers.set(who, await facts(who));
    expectFactsFor(answers.get(clara), site);
    expectFactsFor(answers.get(sanne), siteWithout(hidden));
    expectNothingHidden(answers.get(sanne));
    expect(JSON.stringify(answers.get(clara))).toContain(SECRET_SUMMARY);
  });

  test('both at once on a cold cache, then both at once again on the warm one: still each their own', async () => {
    backend.store.clear();
    for (let round = 0; round < 2; round++) {
      const [restricted, member] = await Promise.all([facts(sanne), facts(clara)]);
      expectFactsFor(restricted, siteWithout(hidden));
      expectNothingHidden(restricted);
      expectFactsFor(member, site);
    }
  });

  test('warm: from the cache with only the visibility search — no lists, no changelogs', async () => {
    await facts(clara); // warm
    for (const [who, expectedSite] of [[clara, site], [sanne, siteWithout(hidden)]] as const) {
      backend.emulator.resetCounts();
      const res = await facts(who);
      expectFactsFor(res, expectedSite);
      // Authorisation (board, permissions), the sprint itself, and one id-only search as the caller.
      expect(backend.emulator.requests.map((r) => r.path).sort()).toEqual([
        '/rest/agile/1.0/board/1', `/rest/agile/1.0/sprint/${sprintId}`,
        '/rest/api/3/mypermissions', '/rest/api/3/search/jql',
      ]);
    }
  });

  test('a series of 8 warm sprints asks which issues the caller sees in one search, not one per sprint', async () => {
    const ids = site.sprints.filter((s) => s.boardId === 1 && s.state === 'closed').slice(-8).map((s) => s.id);
    await backend.invoke('getTeamSeries', { boardId: 1, sprintIds: ids }, clara); // warm
    backend.emulator.resetCounts();
    const res = await backend.invoke('getTeamSeries', { boardId: 1, sprintIds: ids }, sanne);
    expect(res).toMatchObject({ ok: true, warnings: [] });
    expect(res.data).toEqual(seriesOf(ids.map((id) => oracleFacts(siteWithout(hidden), id, Date.now()))));
    expect(backend.emulator.count('/rest/api/3/search/jql')).toBe(1);
    expect(backend.emulator.count('/rest/api/3/changelog/bulkfetch')).toBe(0);
    expect(backend.emulator.count('/rest/software/1.0/')).toBe(0);
  });

  test('the issue panel of a hidden issue is NOT_FOUND for the restricted user, and works for the member', async () => {
    const restricted = await backend.invoke('getIssueSprints', { issueKey: hidden[0].key }, sanne);
    expect(restricted).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const res = await backend.invoke('getIssueSprints', { issueKey: hidden[0].key }, clara);
    expect(res.ok).toBe(true);
    expect(res.data.sprints.map((r: { sprint: { id: number } }) => r.sprint.id)).toContain(sprintId);
  });

  test('a foreign or unknown sprint id changes nothing and loads nothing as the app', async () => {
    backend.store.clear();
    const before = JSON.stringify(backend.store.snapshot());
    const falconSprint = site.sprints.find((s) => s.boardId === 2 && s.state === 'closed')!.id;
    for (const bad of [falconSprint, 999_999]) {
      const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: bad }, sanne);
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(JSON.stringify(backend.store.snapshot())).toBe(before);
    expect(backend.emulator.count('/rest/software/1.0/')).toBe(0);
    expect(backend.emulator.count('/rest/api/3/changelog/bulkfetch')).toBe(0);
  });
});

describe('the emulator hides an issue with a security level from non-members everywhere', () => {
  const as = (email: string) => `Basic ${Buffer.from(`${email}:${DEMO_API_TOKEN}`).toString('base64')}`;
  const SANNE = () => as(site.users.find((u) => u.accountId === sanne)!.email);
  const CLARA = () => as(site.users.find((u) => u.accountId === clara)!.email);
  const call = async (authorization: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(backend.emulator.baseUrl + path, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const keysOf = (body: { issues: { key: string }[] }) => body.issues.map((i) => i.key);

  test('search and the sprint list leave it out; the member and the app see it', async () => {
    const jql = { jql: `id in (${hidden.map((i) => i.id).join(',')})`, fields: ['key'] };
    const search = async (who: string) => keysOf((await call(who, 'POST', '/rest/api/3/search/jql', jql)).body).sort();
    expect(await search(SANNE())).toEqual([]);
    expect(await search(CLARA())).toEqual(hidden.map((i) => i.key).sort());
    expect(await search(APP_AUTHORIZATION)).toEqual(hidden.map((i) => i.key).sort());
    const listPath = `/rest/software/1.0/sprint/${sprintId}/issue?fields=summary&maxResults=100`;
    const list = (who: string) => call(who, 'GET', listPath);
    expect(keysOf((await list(SANNE())).body)).not.toContain(hidden[0].key);
    expect(keysOf((await list(CLARA())).body)).toContain(hidden[0].key);
  });

  test('changelogs leave it out; comments, properties and rank answer as if it did not exist', async () => {
    const changelogs = (who: string) =>
      call(who, 'POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: hidden.map((i) => i.id) });
    expect(await changelogs(SANNE())).toEqual({ status: 200, body: { issueChangeLogs: [] } });
    const member = await changelogs(CLARA());
    expect(member.body.issueChangeLogs.length).toBeGreaterThan(0);
    const key = hidden[0].key;
    const comments = site.comments.length;
    const comment = { body: { type: 'doc', version: 1, content: [] } };
    expect((await call(SANNE(), 'POST', `/rest/api/3/issue/${key}/comment`, comment)).status).toBe(404);
    expect(site.comments).toHaveLength(comments);
    expect((await call(SANNE(), 'PUT', `/rest/api/3/issue/${key}/properties/scrum-coach`, { x: 1 })).status).toBe(404);
    expect(hidden[0].properties).not.toHaveProperty('scrum-coach');
    expect((await call(SANNE(), 'GET', `/rest/api/3/issue/${key}/properties/scrum-coach`)).status).toBe(404);
    const rank = hidden[0].rank;
    const visible = site.issues.find((i) => i.projectKey === 'HAR' && !i.securityLevelId)!;
    const rankBody = { issues: [key], rankBeforeIssue: visible.key };
    const moved = await call(SANNE(), 'PUT', '/rest/agile/1.0/issue/rank', rankBody);
    expect(moved.status).toBe(207);
    expect(moved.body.entries).toEqual([expect.objectContaining({ issueKey: key, status: 404, issueId: 0 })]);
    expect(hidden[0].rank).toBe(rank);
    const anchoredOnHidden = { issues: [visible.key], rankAfterIssue: key };
    expect((await call(SANNE(), 'PUT', '/rest/agile/1.0/issue/rank', anchoredOnHidden)).status).toBe(400);
  });

  test('a visible issue does not reveal a hidden parent or linked issue', async () => {
    const child = site.issues.find((i) => i.projectKey === 'HAR' && !i.securityLevelId && i.parentKey)!;
    const parent = site.issues.find((i) => i.key === child.parentKey)!;
    const linked = site.issues.find((i) => i.projectKey === 'HAR' && !i.securityLevelId && ![parent, child].includes(i))!;
    const saved = { level: parent.securityLevelId, links: child.links };
    parent.securityLevelId = LEVEL.id;
    child.links = [
      { type: 'Blocks', direction: 'inward', key: parent.key },
      { type: 'Blocks', direction: 'outward', key: linked.key },
    ];
    try {
      const jql = { jql: `key = "${child.key}"`, fields: ['parent', 'issuelinks'] };
      const seen = (await call(SANNE(), 'POST', '/rest/api/3/search/jql', jql)).body.issues[0].fields;
      expect(seen.parent).toBeNull();
      expect(seen.issuelinks.map((l: { outwardIssue?: { key: string } }) => l.outwardIssue?.key)).toEqual([linked.key]);
      expect(JSON.stringify(seen)).not.toContain(JSON.stringify(parent.key));
      const member = (await call(CLARA(), 'POST', '/rest/api/3/search/jql', jql)).body.issues[0].fields;
      expect(member.parent.key).toBe(parent.key);
      expect(member.issuelinks).toHaveLength(2);
    } finally {
      parent.securityLevelId = saved.level;
      child.links = saved.links;
    }
  });
});

describe('a security level the app\'s own account is not in', () => {
  let blind: Backend;
  beforeAll(async () => {
    const blindSite: Site = JSON.parse(JSON.stringify(site));
    blindSite.securityLevels = [{ ...LEVEL, memberAccountIds: [clara], appMember: false }];
    blind = await startBackend(blindSite, {}, { kvsLatencyMs: 15 });
  });
  afterAll(() => blind.close());
  const factsOn = (who: string) => blind.invoke('getSprintFacts', { boardId: 1, sprintId }, who);

  test('a member still gets every issue (loaded as them, with a warning); others get the shared inputs', async () => {
    const restricted = await factsOn(sanne); // cold: loads as the app, which sees what Sanne sees here
    expectFactsFor(restricted, siteWithout(hidden));
    expectNothingHidden(restricted);
    const member = await factsOn(clara);
    expect(member.ok).toBe(true);
    const hiddenFromApp = /^1 issue you can see is hidden from Scrum Coach's own account/;
    expect(member.warnings.map(en)).toEqual([expect.stringMatching(hiddenFromApp)]);
    const expected = oracleFacts(site, sprintId, Date.now());
    expect(member.data.issues.map((i: { key: string }) => i.key)).toEqual(expected.issues.map((i) => i.key));
    expect(member.data.totals).toEqual(expected.totals);
    // What the app could not see was never stored, and the restricted user still reads from the cache.
    expect(JSON.stringify(blind.store.snapshot())).not.toContain(SECRET_SUMMARY);
    blind.emulator.resetCounts();
    expectFactsFor(await factsOn(sanne), siteWithout(hidden));
    expect(blind.emulator.count('/rest/software/1.0/')).toBe(0);
  });
});
