/**
 * Personal data reporting end to end: the real resolvers store a retro and a stakeholder map, the
 * scheduled job reports the accounts to the local privacy endpoint, and accounts reported closed are
 * gone everywhere while everyone else's data stays as it was. KVS calls take a few random ms throughout.
 */
import { demoSite, startBackend, user, type Backend } from '../support/harness';
import type { Site } from '../../dev/jira/site';
import { reportPersonalData } from '../../src';
import { REPORT_BATCH_SIZE, type ReportOutcome } from '../../src/services/personalData';
import { rememberAccounts } from '../../src/store/accountIndex';

let site: Site;
let backend: Backend;
let sanne: string, amira: string, lucas: string, pieter: string, henk: string;
let retroId: string;

const runJob = () =>
  backend.runtime.runScheduledTrigger(reportPersonalData, 'scrum-coach-personal-data', 900) as Promise<ReportOutcome>;

async function ok(fn: string, payload: unknown, who: string) {
  const res = await backend.invoke(fn, payload, who);
  if (!res.ok) throw new Error(`${fn}: ${res.error.code}`);
  return res.data;
}

/** Account ids in the cached closed-sprint inputs (their parts joined, as the cache reads them). */
function cachedReporters(): Set<string> {
  const stored = backend.store.snapshot();
  const heads = Object.keys(stored).filter((k) => /^sprint-inputs:v\d+:sprint:\d+$/.test(k));
  const facts = heads.map((head) => {
    const { parts } = stored[head] as { parts: number };
    return JSON.parse(Array.from({ length: parts }, (_, n) => stored[`${head}:part:${n}`]).join(''));
  });
  const reporterIds = facts.flatMap((f) => f.issues.map((i: { reporterId: string | null }) => i.reporterId));
  return new Set<string>(reporterIds.filter(Boolean));
}

/** Every stored key and value as one text, to search for an account id anywhere. */
const everything = () => JSON.stringify(backend.store.snapshot());
/** The stored records that mention an account, by key. */
const recordsOf = (accountId: string) =>
  Object.fromEntries(Object.entries(backend.store.snapshot())
    .filter(([k, v]) => `${k} ${JSON.stringify(v)}`.includes(accountId)));

beforeAll(async () => {
  site = demoSite();
  backend = await startBackend(site, {}, { kvsLatencyMs: 5 });
  [sanne, amira, lucas, pieter, henk] = ['Sanne', 'Amira', 'Lucas', 'Pieter', 'Henk'].map((n) => user(site, n));
  const sprint = site.sprints.filter((s) => s.boardId === 1 && s.state === 'closed').at(-1)!;

  // Sanne creates and facilitates a retro; she and Amira take part in every step.
  const retro = { boardId: 1, sprintId: sprint.id, formatId: 'start-stop-continue', anonymous: false };
  retroId = (await ok('createRetro', retro, sanne)).id;
  await ok('getRetroCoaching', { retroId }, sanne); // caches the closed sprint's facts (issue reporters included)
  for (const [who, word, score] of [[sanne, 'Tired', 4], [amira, 'Proud', 2]] as const) {
    await ok('setCheckIn', { retroId, word }, who);
    await ok('setSafety', { retroId, score }, who);
  }
  await ok('setPhase', { retroId, phase: 'gather' }, sanne);
  const sannesCard = await ok('addCard', { retroId, columnId: 'start', text: 'Pair on reviews' }, sanne);
  const amirasCard = await ok('addCard', { retroId, columnId: 'stop', text: 'Late scope changes' }, amira);
  await ok('setPhase', { retroId, phase: 'insights' }, sanne);
  await ok('vote', { retroId, cardId: amirasCard.id }, sanne);
  await ok('vote', { retroId, cardId: sannesCard.id }, sanne);
  await ok('vote', { retroId, cardId: amirasCard.id }, amira);
  await ok('revealVotes', { retroId }, sanne);
  await ok('setPhase', { retroId, phase: 'decide' }, sanne);
  const action = (text: string, ownerId: string) =>
    ({ retroId, text, ownerId, measure: 'Checked at the review', dueSprintId: 11 });
  await ok('addAction', action('Pair on every review this sprint', sanne), sanne);
  await ok('addAction', action('Freeze scope after planning day', amira), amira);
  await ok('setPhase', { retroId, phase: 'close' }, sanne);
  await ok('setRoti', { retroId, score: 5 }, sanne);
  await ok('setRoti', { retroId, score: 3 }, amira);

  // Pieter's stakeholder map holds Henk (a Jira user, linked to an item) and an external party.
  const stakeholder = (accountId: string | null, name: string) => ({ accountId, name, power: 5, interest: 4 });
  const henkAsStakeholder =
    await ok('saveStakeholder', { projectKey: 'HAR', stakeholder: stakeholder(henk, 'Henk Dijkstra') }, pieter);
  await ok('saveStakeholder', { projectKey: 'HAR', stakeholder: stakeholder(null, 'Acme Logistics') }, pieter);
  const link = { projectKey: 'HAR', stakeholderId: henkAsStakeholder.id, issueKey: 'HAR-3', relation: 'asked' };
  await ok('linkStakeholder', link, pieter);
}, 60_000);
afterAll(() => backend.close());

describe('personal data reporting', () => {
  let retroBefore: any;
  let amiraBefore: Record<string, unknown>;
  let reporter: string;

  test('every stored account is reported, at most 90 a request; nothing changes while none is closed', async () => {
    retroBefore = await ok('getRetro', { retroId }, lucas);
    amiraBefore = recordsOf(amira);
    const reporters = cachedReporters();
    expect(reporters.size).toBeGreaterThan(0);
    const before = everything();
    const outcome = await runJob();
    const reported = backend.runtime.privacy.requests.flat().map((a) => a.accountId);
    expect(new Set(reported)).toEqual(new Set([sanne, amira, henk, ...reporters]));
    expect(reported).toHaveLength(new Set(reported).size);
    expect(backend.runtime.privacy.requests.every((r) => r.length <= REPORT_BATCH_SIZE)).toBe(true);
    reporter = [...reporters].find((id) => ![sanne, amira, henk].includes(id))!;
    expect(outcome).toEqual({ reported: reported.length, closed: 0, updated: 0 });
    expect(everything()).toBe(before);
  });

  test('closed accounts are gone everywhere; the retro keeps working and its tallies', async () => {
    backend.runtime.privacy.closedAccounts.add(sanne).add(henk);
    const outcome = await runJob();
    expect(outcome).toMatchObject({ closed: 2 });
    expect(everything()).not.toContain(sanne);
    expect(everything()).not.toContain(henk);
    expect(everything()).not.toContain('Henk Dijkstra');

    const after = await ok('getRetro', { retroId }, amira);
    expect(after.retro.facilitatorId).toBe(amira); // the next participant facilitates
    const tally = (view: any) => view.cards.map((c: any) => [c.text, c.votes]);
    expect(tally(after)).toEqual(tally(retroBefore));
    expect(after.cards.find((c: any) => c.text === 'Pair on reviews').authorId).toMatch(/^erased-/);
    expect(after.safety.distribution).toEqual(retroBefore.safety.distribution);
    expect(after.roti).toMatchObject({ count: 2, average: 4 });
    expect(after.checkin.words).toEqual(['Proud', 'Tired']);
    expect(after.actions.map((a: any) => [a.text, a.ownerId])).toEqual([
      ['Pair on every review this sprint', null],
      ['Freeze scope after planning day', amira],
    ]);
    await ok('setPhase', { retroId, phase: 'decide' }, amira);
    await ok('setPhase', { retroId, phase: 'close' }, amira);

    const map = await ok('getStakeholderMap', { projectKey: 'HAR' }, pieter);
    expect(map.stakeholders.map((s: any) => s.name)).toEqual(['Acme Logistics']);
    expect(map.links).toEqual([]);
  });

  test("other people's data is untouched", async () => {
    // The facts cache goes whenever one of its reporters closes (it is recomputed), and the index dates
    // move when a record changes; everything else of Amira's is exactly as it was.
    const own = (records: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(records)
        .filter(([k]) => !k.startsWith('sprint-inputs:') && !k.startsWith('pd:') && k !== `retro:${retroId}`));
    expect(own(recordsOf(amira))).toEqual(own(amiraBefore));
    expect(recordsOf(amira)[`retro:${retroId}`]).toMatchObject({ facilitatorId: amira });
    expect(recordsOf(amira)[`pd:${amira}:retro:${retroId}`]).toMatchObject({ accountId: amira });
    expect(everything()).toContain('Acme Logistics');
  });

  test('a second run changes nothing and reports the closed accounts no more', async () => {
    const before = everything();
    const requestsBefore = backend.runtime.privacy.requests.length;
    const outcome = await runJob();
    expect(outcome.closed).toBe(0);
    const reportedNow = backend.runtime.privacy.requests.slice(requestsBefore).flat().map((a) => a.accountId);
    expect(reportedNow).not.toContain(sanne);
    expect(reportedNow).not.toContain(henk);
    expect(everything()).toBe(before);
  });

  test('a closed issue reporter takes the cached sprint facts along; they are recomputed on the next read', async () => {
    await ok('getRetroCoaching', { retroId }, amira); // caches the facts again
    expect(cachedReporters()).toContain(reporter);
    backend.runtime.privacy.closedAccounts.add(reporter);
    await runJob();
    expect(everything()).not.toContain(reporter);
    expect(cachedReporters().size).toBe(0);
    const coaching = await ok('getRetroCoaching', { retroId }, amira);
    expect(coaching.facts.issues.map((i: any) => i.reporterId)).toContain(reporter); // Jira still has it
  });

  test('an updated account gets a new date, so it is not reported as updated again', async () => {
    backend.runtime.privacy.profileChanges.set(amira, new Date());
    await new Promise((r) => setTimeout(r, 5));
    expect((await runJob()).updated).toBe(1);
    expect((await runJob()).updated).toBe(0);
  });

  test('two runs at once agree: every closed account is erased once, tallies hold', async () => {
    backend.runtime.privacy.closedAccounts.add(amira);
    const before = await ok('getRetro', { retroId }, lucas);
    const outcomes = await Promise.all([runJob(), runJob()]);
    expect(outcomes.every((o) => o.closed <= 1)).toBe(true);
    expect(everything()).not.toContain(amira);
    const after = await ok('getRetro', { retroId }, lucas);
    expect(after.cards.map((c: any) => c.votes)).toEqual(before.cards.map((c: any) => c.votes));
    expect(after.safety).toEqual(before.safety);
    expect(Object.keys(backend.store.snapshot()).filter((k) => k.startsWith('pd-erasure:'))).toEqual([]);
  });
});

test(`more than ${REPORT_BATCH_SIZE} accounts go in batches of ${REPORT_BATCH_SIZE}`, async () => {
  const many = Array.from({ length: 2 * REPORT_BATCH_SIZE + 20 }, (_, i) => `batch-test-${String(i).padStart(3, '0')}`);
  await rememberAccounts('retro:batch-test', many);
  const from = backend.runtime.privacy.requests.length;
  await runJob();
  const sizes = backend.runtime.privacy.requests.slice(from).map((r) => r.length);
  expect(Math.max(...sizes)).toBe(REPORT_BATCH_SIZE);
  const reported = backend.runtime.privacy.requests.slice(from).flat().map((a) => a.accountId);
  expect(many.every((id) => reported.includes(id))).toBe(true);
  expect(new Set(reported).size).toBe(reported.length);
});
