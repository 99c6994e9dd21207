import fc from 'fast-check';
import { RESOLVER_KEYS } from '../../src/resolvers';
import type { Site } from '../../dev/jira/site';
import { demoSite, startBackend, user, type Backend } from '../support/harness';
import { en, LOCALES, unfilled } from '../support/i18n';

let site: Site;
let backend: Backend;
let sanne: string, guest: string, joost: string;
/** A valid payload for every resolver, naming Harbor's board, project, retro, card, stakeholder… */
let samples: Record<string, object>;

beforeAll(async () => {
  site = demoSite();
  backend = await startBackend(site);
  [sanne, guest, joost] = ['Sanne', 'Guest', 'Joost'].map((n) => user(site, n));
  const ok = async (fn: string, payload: object) => {
    const r = await backend.invoke(fn, payload, sanne);
    if (!r.ok) throw new Error(`${fn}: ${en(r.error.message)}`);
    return r.data;
  };
  const sprint = site.sprints.filter((s) => s.boardId === 1 && s.state === 'closed').at(-1)!;
  const retro = await ok('createRetro', { boardId: 1, sprintId: sprint.id, formatId: 'pillars' });
  await ok('setPhase', { retroId: retro.id, phase: 'gather' });
  const card = await ok('addCard', { retroId: retro.id, columnId: 'inspection', text: 'A card' });
  const theme = { id: '00000000-0000-4000-8000-000000000001' };
  const action = { id: '00000000-0000-4000-8000-000000000002' };
  const stakeholder = await ok('saveStakeholder', { projectKey: 'HAR', stakeholder: { accountId: null, name: 'Acme', power: 3, interest: 3 } });
  const rid = retro.id;
  samples = {
    getBoards: { projectKey: 'HAR' }, getSprints: { boardId: 1 }, getSprintFacts: { boardId: 1, sprintId: sprint.id }, getIssueSprints: { issueKey: 'HAR-19' },
    findUsers: { query: 'an' },
    getRetroFormats: { boardId: 1 }, addRetroFormat: { boardId: 1, name: 'X', columns: [{ title: 'A' }] }, listRetros: { boardId: 1 },
    createRetro: { boardId: 1, sprintId: sprint.id, formatId: 'pillars' }, getRetro: { retroId: rid }, getRetroCoaching: { retroId: rid },
    setPhase: { retroId: rid, phase: 'insights' }, handOver: { retroId: rid, accountId: guest }, revealVotes: { retroId: rid },
    addCard: { retroId: rid, columnId: 'inspection', text: 'x' }, editCard: { retroId: rid, cardId: card.id, text: 'y' }, deleteCard: { retroId: rid, cardId: card.id },
    vote: { retroId: rid, cardId: card.id }, unvote: { retroId: rid, cardId: card.id }, addTheme: { retroId: rid, title: 'T' },
    groupCard: { retroId: rid, cardId: card.id, themeId: theme.id }, addAction: { retroId: rid, text: 'Do it' },
    setActionDone: { retroId: rid, actionRetroId: rid, actionId: action.id, done: true }, createActionIssue: { retroId: rid, actionId: action.id },
    setCheckIn: { retroId: rid, word: 'ok' }, setSafety: { retroId: rid, score: 3 }, setRoti: { retroId: rid, score: 3 },
    exportRetro: { retroId: rid }, postRetroSummary: { retroId: rid, issueKey: 'HAR-3' },
    getBacklog: { boardId: 1 }, setDefinitionOfReady: { boardId: 1, dor: { minDescriptionChars: 1, requireAcceptanceCriteria: true, requireEstimate: true, splitThreshold: 13, requireParent: true, staleDays: 90, requireNoBlockers: true, requireStakeholder: true } },
    setScores: { boardId: 1, issueKey: 'HAR-60', scores: { value: 3 } }, applyOrder: { boardId: 1, order: ['HAR-60'] }, getIssueRefinement: { issueKey: 'HAR-60' },
    getStakeholderMap: { projectKey: 'HAR' }, saveStakeholder: { projectKey: 'HAR', stakeholder: { accountId: null, name: 'Y', power: 1, interest: 1 } },
    deleteStakeholder: { projectKey: 'HAR', id: stakeholder.id }, linkStakeholder: { projectKey: 'HAR', stakeholderId: stakeholder.id, issueKey: 'HAR-60', relation: 'asked' },
    unlinkStakeholder: { projectKey: 'HAR', stakeholderId: stakeholder.id, issueKey: 'HAR-60' }, getStakeholderInsights: { projectKey: 'HAR' },
    getCoachSprints: { boardId: 1 }, getTeamSeries: { boardId: 1, sprintIds: [sprint.id] }, getCoachPatterns: { teams: [{ boardId: 1, sprintIds: [sprint.id] }] },
  };
});
afterAll(() => backend.close());

test('every resolver has a sample here, so none escapes these checks', () => {
  expect(RESOLVER_KEYS.filter((k) => !(k in samples))).toEqual([]);
});

/** Not tied to a board or project: Jira's own user search decides what a person may find. */
const UNSCOPED = new Set(['findUsers', 'getBoards']);

test('a caller who cannot see Harbor gets an error and no data from every resolver, and nothing changes', async () => {
  const before = JSON.stringify(backend.store.snapshot());
  const issuesBefore = JSON.stringify(site.issues.map((i) => [i.key, i.rank, i.properties]));
  for (const key of RESOLVER_KEYS.filter((k) => !UNSCOPED.has(k))) {
    for (const who of [guest, joost]) {
      const res = await backend.invoke(key, samples[key], who);
      expect({ key, res }).toEqual({ key, res: { ok: false, error: { code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/), message: expect.objectContaining({ key: expect.any(String) }) } } });
      for (const locale of LOCALES) expect(unfilled(res.error.message, locale)).toEqual([]);
    }
  }
  expect((await backend.invoke('getBoards', samples.getBoards, guest)).data).toEqual([]);
  expect(JSON.stringify(backend.store.snapshot())).toBe(before);
  expect(JSON.stringify(site.issues.map((i) => [i.key, i.rank, i.properties]))).toBe(issuesBefore);
  expect(site.issues.filter((i) => i.labels.includes('retro-action'))).toEqual([]);
});

test('fuzzed payloads (1,000 per resolver) get clear errors, never a crash, and change nothing', async () => {
  const before = JSON.stringify(backend.store.snapshot());
  const keys = ['retroId', 'boardId', 'sprintId', 'issueKey', 'projectKey', 'cardId', 'text', 'phase', 'score', 'scores', 'order', 'teams', 'stakeholder', 'dor', 'id', 'query', 'pageToken', 'sprintIds'];
  // Near misses: the right keys with wrong values, plus anything at all.
  const payload = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...keys), fc.anything(), { maxKeys: 4 }));
  for (const key of RESOLVER_KEYS) {
    await fc.assert(fc.asyncProperty(payload, async (p) => {
      const res = await backend.invoke(key, p, sanne);
      if (!res.ok) {
        expect(['INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT']).toContain(res.error.code);
        // A clear error in the reader's language: every key translated, every placeholder filled.
        for (const locale of LOCALES) expect(unfilled(res.error.message, locale)).toEqual([]);
      }
    }), { numRuns: 1000 });
  }
  expect(JSON.stringify(backend.store.snapshot())).toBe(before);
}, 300_000);
