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
  return site;
}

let site: Site;
let backend: Backend;
let clara: string, sanne: string;

beforeAll(async () => {
  site = testSite();
  backend = await startBackend(site);
  [clara, sanne] = ['Clara', 'Sanne'].map((n) => user(site, n));
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
