import { demoSite, startBackend, user, type Backend } from '../support/harness';
import type { Site } from '../../dev/jira/site';
import { oracleFacts } from '../support/oracle';
import { en, nl } from '../support/i18n';
import type { Message } from '../../src/domain/message';

let site: Site;
let backend: Backend;
let pieter: string, joost: string, henk: string;

beforeAll(async () => {
  site = demoSite();
  backend = await startBackend(site);
  [pieter, joost, henk] = ['Pieter', 'Joost', 'Henk'].map((n) => user(site, n));
});
afterAll(() => backend.close());

async function ok(fn: string, payload: unknown, who: string) {
  const res = await backend.invoke(fn, payload, who);
  if (!res.ok) throw new Error(`${fn}: ${res.error.code} ${en(res.error.message)}`);
  return res;
}

/** The backlog as Jira defines it for the board: unfinished stories and bugs in no open sprint, by rank. */
function expectedBacklog() {
  const open = new Set(site.sprints.filter((s) => s.state !== 'closed').map((s) => s.id));
  return site.issues.filter((i) => i.projectKey === 'HAR' && (i.issueType === 'Story' || i.issueType === 'Bug') && i.statusId !== '10002' && !i.sprintIds.some((id) => open.has(id)))
    .sort((a, b) => a.rank.localeCompare(b.rank)).map((i) => i.key);
}

async function wholeBacklog(who: string) {
  const items = [];
  let pageToken: string | undefined;
  let calls = 0;
  do {
    const res = await ok('getBacklog', { boardId: 1, pages: 1, ...(pageToken ? { pageToken } : {}) }, who);
    items.push(...res.data.items);
    pageToken = res.data.nextPageToken ?? undefined;
    calls++;
  } while (pageToken);
  return { items, calls };
}

describe('backlog refinement', () => {
  test('the backlog comes in rank order, page by page, with readiness per item', async () => {
    const { items, calls } = await wholeBacklog(pieter);
    expect(items.map((i: { key: string }) => i.key)).toEqual(expectedBacklog());
    expect(calls).toBe(Math.ceil(expectedBacklog().length / 100));
    const unrefined = items.find((i: { description: unknown }) => i.description === null);
    expect(unrefined.readiness.ready).toBe(false);
    expect(unrefined.readiness.checks.find((c: { id: string }) => c.id === 'description')).toMatchObject({ ok: false, detail: { key: 'readiness.detail.noDescription' } });
    const blocked = site.issues.find((i) => i.projectKey === 'HAR' && i.links.some((l) => l.direction === 'inward') && expectedBacklog().includes(i.key));
    if (blocked) {
      const blocker = site.issues.find((i) => i.key === blocked.links.find((l) => l.direction === 'inward')!.key)!;
      const row = items.find((i: { key: string }) => i.key === blocked.key);
      expect(row.blockedBy).toEqual(blocker.statusId === '10002' ? [] : [blocker.key]);
    }
  });

  test('a team sets its own Definition of Ready; invalid ones are refused', async () => {
    const dor = { minDescriptionChars: 0, requireAcceptanceCriteria: false, requireEstimate: true, splitThreshold: null, requireParent: false, staleDays: 0, requireNoBlockers: false, requireStakeholder: false };
    await ok('setDefinitionOfReady', { boardId: 1, dor }, pieter);
    const res = await ok('getBacklog', { boardId: 1, pages: 1 }, pieter);
    expect(res.data.dor).toEqual(dor);
    expect(res.data.splitAt).toBeCloseTo(res.data.velocities.reduce((a: number, b: number) => a + b, 0) / res.data.velocities.length / 2);
    for (const item of res.data.items) expect(item.readiness.checks.map((c: { id: string }) => c.id)).toEqual(item.estimate === null ? ['estimate'] : ['estimate', 'size']);
    expect(await backend.invoke('setDefinitionOfReady', { boardId: 1, dor: { ...dor, staleDays: -1 } }, pieter)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await backend.invoke('setDefinitionOfReady', { boardId: 1, dor }, joost)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('scores live on the issue as an entity property, with WSJF computed', async () => {
    const key = expectedBacklog()[4];
    const res = await ok('setScores', { boardId: 1, issueKey: key, scores: { value: 8, timeCriticality: 5, riskReduction: 3, jobSize: 4, effort: 2 } }, pieter);
    expect(res.data).toMatchObject({ wsjf: 4, valueForEffort: 4 });
    expect(site.issues.find((i) => i.key === key)!.properties['scrum-coach-priority']).toMatchObject({ wsjf: 4, value: 8, updatedBy: pieter });
    const page = await ok('getBacklog', { boardId: 1, pages: 1 }, pieter);
    expect(page.data.items.find((i: { key: string }) => i.key === key)).toMatchObject({ wsjf: 4, valueForEffort: 4 });
    expect(await backend.invoke('setScores', { boardId: 1, issueKey: 'FAL-3', scores: { value: 1 } }, pieter)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await backend.invoke('setScores', { boardId: 1, issueKey: key, scores: { value: 11 } }, pieter)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('apply order re-ranks in chunks of at most 50; Jira now shows the new order', async () => {
    const before = expectedBacklog();
    const order = [...before.slice(0, 120)].reverse();
    backend.emulator.resetCounts();
    const res = await ok('applyOrder', { boardId: 1, order }, pieter);
    expect(res.data).toMatchObject({ moved: 120, failures: [] });
    expect(backend.emulator.count('/rest/agile/1.0/issue/rank')).toBe(res.data.calls);
    expect(res.data.calls).toBe(1 + Math.ceil(119 / 50));
    expect(expectedBacklog().slice(0, 120)).toEqual(order);
    expect(expectedBacklog().slice(120)).toEqual(before.slice(120));
  });

  test('issues Jira cannot move (207) are named; the others still move', async () => {
    const before = expectedBacklog();
    const res = await backend.invoke('applyOrder', { boardId: 1, order: [before[10], 'HAR-99999', before[11]] }, pieter);
    expect(res.ok).toBe(true);
    expect(res.data.failures).toEqual([{ issueKey: 'HAR-99999', errors: [expect.stringContaining('does not exist')] }]);
    expect(res.warnings.map(en)).toEqual([expect.stringMatching(/^Jira could not move 1 issue: HAR-99999/)]);
    expect(expectedBacklog().slice(0, 2)).toEqual([before[10], before[11]]);
  });

  test('bad orders change nothing', async () => {
    const before = expectedBacklog();
    expect(await backend.invoke('applyOrder', { boardId: 1, order: ['FAL-1'] }, pieter)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await backend.invoke('applyOrder', { boardId: 1, order: [before[0], before[0]] }, pieter)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await backend.invoke('applyOrder', { boardId: 1, order: [before[1]] }, joost)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(expectedBacklog()).toEqual(before);
  });
});

describe('stakeholder map', () => {
  let henkId: string;
  let externalId: string;

  test('the PO places Jira users and external parties on the grid; quadrants follow power and interest', async () => {
    henkId = (await ok('saveStakeholder', { projectKey: 'HAR', stakeholder: { accountId: henk, name: 'Henk Dijkstra', role: 'Sales lead', power: 5, interest: 4, lastContact: '2026-06-01' } }, pieter)).data.id;
    const ext = await ok('saveStakeholder', { projectKey: 'HAR', stakeholder: { accountId: null, name: 'Acme Logistics (customer)', power: 2, interest: 5, notes: 'Contact: j.doe@acme.example' } }, pieter);
    externalId = ext.data.id;
    expect(ext.data.quadrant).toBe('keepInformed');
    const map = (await ok('getStakeholderMap', { projectKey: 'HAR' }, pieter)).data;
    expect(map.stakeholders.map((s: { name: string; quadrant: string }) => [s.name, s.quadrant]).sort()).toEqual([['Acme Logistics (customer)', 'keepInformed'], ['Henk Dijkstra', 'manageClosely']]);
    expect(map.snapshots).toHaveLength(1);
    expect(map.snapshots[0].sprintName).toBe(site.sprints.find((s) => s.boardId === 1 && s.state === 'active')!.name);
    // Moving on the grid is a save with new power/interest.
    await ok('saveStakeholder', { projectKey: 'HAR', stakeholder: { id: externalId, accountId: null, name: 'Acme Logistics (customer)', power: 4, interest: 5, notes: 'Contact: j.doe@acme.example' } }, pieter);
    expect((await ok('getStakeholderMap', { projectKey: 'HAR' }, pieter)).data.stakeholders.find((s: { id: string }) => s.id === externalId).quadrant).toBe('manageClosely');
  });

  test('links feed readiness and derived value', async () => {
    const key = expectedBacklog()[2];
    await ok('linkStakeholder', { projectKey: 'HAR', stakeholderId: henkId, issueKey: key, relation: 'asked', statedValue: 9 }, pieter);
    const row = (await ok('getBacklog', { boardId: 1, pages: 1 }, pieter)).data.items.find((i: { key: string }) => i.key === key);
    expect(row.stakeholderIds).toEqual([henkId]);
    expect(row.derivedValue).toBe(9);
    expect(await backend.invoke('linkStakeholder', { projectKey: 'HAR', stakeholderId: henkId, issueKey: 'FAL-2', relation: 'asked' }, pieter)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('the issue panel shows one item\'s readiness, scores and stakeholders', async () => {
    const key = expectedBacklog()[2];
    const res = await ok('getIssueRefinement', { issueKey: key }, pieter);
    expect(res.data.stakeholders).toEqual([expect.objectContaining({ stakeholderId: henkId, name: 'Henk Dijkstra', relation: 'asked', statedValue: 9 })]);
    expect(res.data.readiness.checks.find((c: { id: string }) => c.id === 'stakeholder')).toBeUndefined(); // this board's DoR no longer asks for one
    const page = (await ok('getBacklog', { boardId: 1, pages: 1 }, pieter)).data.items.find((i: { key: string }) => i.key === key);
    expect(res.data.readiness).toEqual(page.readiness);
    expect(await backend.invoke('getIssueRefinement', { issueKey: key }, joost)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('insights come from real sprint data: delivered per stakeholder and back-door requests', async () => {
    const res = await ok('getStakeholderInsights', { projectKey: 'HAR', sprints: 5 }, pieter);
    expect(res.data.sprints).toHaveLength(5);
    const henkInsight = res.data.insights.find((i: { stakeholderId: string }) => i.stakeholderId === henkId);
    // Independent count, straight from the fixture: completed issues Henk reported or is linked to, in those sprints.
    const linked = new Set([expectedBacklog()[2]]);
    const sprints = site.sprints.filter((x) => x.boardId === 1 && x.state !== 'future').slice(-5);
    const expected = sprints.flatMap((x) => oracleFacts(site, x.id, Date.now()).issues)
      .filter((i) => i.outcome === 'completed' && (i.reporterId === henk || linked.has(i.key)))
      .reduce((n, i) => n + (i.estimateAtEnd ?? 0), 0);
    expect(expected).toBeGreaterThan(0);
    expect(henkInsight.delivered).toBe(expected);
    for (const b of henkInsight.backDoor) expect(site.issues.find((i) => i.key === b.key)!.reporterId).toBe(henk);
    expect(res.data.prompts.every((p: { text: Message }) => en(p.text).endsWith('?') && nl(p.text).endsWith('?'))).toBe(true);
    expect(res.data.prompts.map((p: { id: string }) => p.id)).toContain(`contact-${henkId}`);
  });

  test('only people who can browse the project see or change its map', async () => {
    for (const [fn, payload] of [['getStakeholderMap', { projectKey: 'HAR' }], ['deleteStakeholder', { projectKey: 'HAR', id: henkId }], ['getStakeholderInsights', { projectKey: 'HAR' }]] as const) {
      expect(await backend.invoke(fn, payload, joost)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  test('deleting an external stakeholder removes their personal data everywhere', async () => {
    await ok('deleteStakeholder', { projectKey: 'HAR', id: externalId }, pieter);
    const everything = JSON.stringify(backend.store.snapshot());
    expect(everything).not.toContain('Acme Logistics');
    expect(everything).not.toContain('j.doe@acme.example');
    expect(everything).not.toContain(externalId);
  });
});
