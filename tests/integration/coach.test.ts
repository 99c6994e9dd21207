import { seriesOf } from '../../src/domain/patterns';
import type { Site } from '../../dev/jira/site';
import { demoSite, startBackend, user, type Backend } from '../support/harness';
import { oracleFacts } from '../support/oracle';
import { en, nl } from '../support/i18n';
import type { Message } from '../../src/domain/message';

let site: Site;
let backend: Backend;
let clara: string, sanne: string, joost: string, amira: string;

beforeAll(async () => {
  site = demoSite();
  backend = await startBackend(site);
  [clara, sanne, joost, amira] = ['Clara', 'Sanne', 'Joost', 'Amira'].map((n) => user(site, n));
});
afterAll(() => backend.close());

async function ok(fn: string, payload: unknown, who: string) {
  const res = await backend.invoke(fn, payload, who);
  if (!res.ok) throw new Error(`${fn}: ${res.error.code} ${en(res.error.message)}`);
  return res;
}

/** A retro with these cards (written by whoever can see the board). */
async function retroWith(boardId: number, sprintId: number, cards: string[], facilitator: string) {
  const retro = (await ok('createRetro', { boardId, sprintId, formatId: 'start-stop-continue' }, facilitator)).data;
  await ok('setPhase', { retroId: retro.id, phase: 'gather' }, facilitator);
  for (const text of cards) await ok('addCard', { retroId: retro.id, columnId: 'stop', text }, facilitator);
  return retro;
}

test('a team\'s window of sprints and its series, chunk by chunk, equal the facts straight from the site', async () => {
  const { sprints } = (await ok('getCoachSprints', { boardId: 2, window: 10 }, clara)).data;
  expect(sprints).toHaveLength(10);
  expect(sprints.at(-1).state).toBe('active');
  const points = [];
  for (let i = 0; i < sprints.length; i += 8) points.push(...(await ok('getTeamSeries', { boardId: 2, sprintIds: sprints.slice(i, i + 8).map((s: { id: number }) => s.id) }, clara)).data);
  const closed = sprints.filter((s: { state: string }) => s.state === 'closed');
  const expected = seriesOf(closed.map((s: { id: number }) => oracleFacts(site, s.id, Date.now())));
  expect(points.filter((p: { sprintId: number }) => closed.some((s: { id: number }) => s.id === p.sprintId))).toEqual(expected);
  expect(await backend.invoke('getTeamSeries', { boardId: 2, sprintIds: Array.from({ length: 9 }, (_, i) => 101 + i) }, clara)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

test('recurring retro themes: stuck within a team, shared across teams; participation is a count', async () => {
  const har = site.sprints.filter((s) => s.boardId === 1 && s.state === 'closed').slice(-3);
  const fal = site.sprints.filter((s) => s.boardId === 2 && s.state === 'closed').slice(-3);
  for (const s of har) {
    const r = await retroWith(1, s.id, ['Deployments broke again', 'Standups run long'], sanne);
    await ok('addCard', { retroId: r.id, columnId: 'start', text: 'Review the deployment checklist' }, amira);
  }
  for (const s of fal) await retroWith(2, s.id, ['Deployment pipeline was red for days'], joost);
  const teams = [1, 2].map((boardId) => ({ boardId, sprintIds: site.sprints.filter((s) => s.boardId === boardId && s.state !== 'future').slice(-10).map((s) => s.id) }));
  const { data } = await ok('getCoachPatterns', { teams }, clara);
  const harbor = data.teams.find((t: { team: string }) => t.team === 'Harbor board');
  expect(harbor.themes.find((t: { word: string }) => t.word === 'deployment')).toMatchObject({ stuck: true });
  expect(harbor.participation.map((p: { people: number }) => p.people)).toEqual([2, 2, 2]);
  expect(JSON.stringify(data)).not.toContain(amira);
  const kinds = data.patterns.map((p: { kind: string; title: Message }) => `${p.kind}:${en(p.title)}`);
  expect(kinds).toContain('recurring-theme:"deployment" keeps coming back in Harbor board\'s retros');
  expect(kinds).toContain('cross-team-theme:"deployment" recurs in 2 teams\' retros');
  expect(data.patterns.every((p: { question: Message; stance: string }) => en(p.question).endsWith('?') && nl(p.question).endsWith('?') && p.stance)).toBe(true);
  expect(data.csv.split('\n')).toHaveLength(1 + 20 + 1);
  expect(harbor.heat.find((h: { word: string }) => h.word === 'deployment').counts.map((c: { n: number }) => c.n)).toEqual([2, 2, 2]);
});

test('a warm load costs at most one active sprint\'s worth of Jira requests, plus one visibility search, per team', async () => {
  const teams = [1, 2].map((boardId) => ({ boardId, sprintIds: site.sprints.filter((s) => s.boardId === boardId && s.state !== 'future').slice(-10).map((s) => s.id) }));
  await ok('getCoachPatterns', { teams }, clara); // warms every closed sprint
  const active = site.sprints.find((s) => s.boardId === 1 && s.state === 'active')!;
  backend.emulator.resetCounts();
  await ok('getSprintFacts', { boardId: 1, sprintId: active.id }, clara);
  const activeCost = backend.emulator.requests.length;
  backend.emulator.resetCounts();
  await ok('getCoachPatterns', { teams }, clara);
  expect(backend.emulator.count('/rest/api/3/changelog/bulkfetch')).toBe(teams.length); // the active sprints only
  // Cached closed sprints are cut to what the caller sees: one id-only search per team covers all of them.
  expect(backend.emulator.requests.length).toBeLessThanOrEqual(teams.length * (activeCost + 1));
});

test('only boards the caller can see are computed', async () => {
  expect(await backend.invoke('getCoachPatterns', { teams: [{ boardId: 1, sprintIds: [1] }] }, joost)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await backend.invoke('getCoachSprints', { boardId: 1 }, joost)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});
