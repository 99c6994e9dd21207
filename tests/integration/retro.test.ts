import { demoSite, startBackend, user, type Backend } from '../support/harness';
import type { Site } from '../../dev/jira/site';
import { en, nl } from '../support/i18n';

let site: Site;
let backend: Backend;
let sanne: string, amira: string, lucas: string, joost: string;
let harUsers: string[];
const responses: unknown[] = [];

beforeAll(async () => {
  site = demoSite();
  // KVS calls take a few random ms, as over the network, so concurrent invocations really interleave.
  backend = await startBackend(site, {}, { kvsLatencyMs: 5 });
  [sanne, amira, lucas, joost] = ['Sanne', 'Amira', 'Lucas', 'Joost'].map((n) => user(site, n));
  harUsers = site.users.filter((u) => u.browse.includes('HAR')).map((u) => u.accountId);
});
afterAll(() => backend.close());

/** Every answer is kept, so the anonymity test can scan all of them. */
async function call(fn: string, payload: unknown, who: string) {
  const res = await backend.invoke(fn, payload, who);
  responses.push(res);
  return res;
}
async function ok(fn: string, payload: unknown, who: string) {
  const res = await call(fn, payload, who);
  if (!res.ok) throw new Error(`${fn}: ${res.error.code} ${en(res.error.message)}`);
  return res.data;
}
const closedSprint = () => site.sprints.filter((s) => s.boardId === 1 && s.state === 'closed').at(-1)!;

describe('a facilitated retrospective', () => {
  let retroId: string;
  let cardIds: string[] = [];

  test('the facilitator creates a retro; everyone on the board can open it, others cannot', async () => {
    const formats = await ok('getRetroFormats', { boardId: 1 }, sanne);
    expect(formats.map((f: { id: string }) => f.id)).toEqual(['start-stop-continue', 'mad-sad-glad', '4ls', 'sailboat', 'starfish', 'pillars']);
    const retro = await ok('createRetro', { boardId: 1, sprintId: closedSprint().id, formatId: 'pillars' }, sanne);
    retroId = retro.id;
    expect(retro).toMatchObject({ phase: 'checkin', facilitatorId: sanne, anonymous: true, voteBudget: 3, sprintName: closedSprint().name });
    expect((await ok('getRetro', { retroId }, amira)).isFacilitator).toBe(false);
    expect(await call('getRetro', { retroId }, joost)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await ok('listRetros', { boardId: 1 }, lucas)).map((r: { id: string }) => r.id)).toContain(retroId);
  });

  test('check-in: one word each, shown without names', async () => {
    await ok('setCheckIn', { retroId, word: 'Hectic' }, amira);
    await ok('setCheckIn', { retroId, word: 'Proud' }, sanne);
    expect((await ok('getRetro', { retroId }, lucas)).checkin).toEqual({ words: ['Hectic', 'Proud'], mine: null });
    expect(await call('setCheckIn', { retroId, word: 'x'.repeat(41) }, lucas)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('check-in: an anonymous safety check shows only the distribution', async () => {
    await ok('setSafety', { retroId, score: 4 }, sanne);
    await ok('setSafety', { retroId, score: 2 }, amira);
    await ok('setSafety', { retroId, score: 4 }, lucas);
    const view = await ok('getRetro', { retroId }, amira);
    expect(view.safety).toEqual({ distribution: [0, 1, 0, 2, 0], mine: 2, count: 3 });
    expect(await call('setSafety', { retroId, score: 6 }, amira)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('only the facilitator moves the phases', async () => {
    expect(await call('setPhase', { retroId, phase: 'gather' }, amira)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('addCard', { retroId, columnId: 'inspection', text: 'too early' }, amira)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await ok('setPhase', { retroId, phase: 'gather' }, sanne)).retro.phase).toBe('gather');
  });

  test('gather: coaching prompts come from the sprint facts and are hypotheses tagged with a pillar', async () => {
    const coaching = await ok('getRetroCoaching', { retroId }, amira);
    expect(coaching.facts.sprint.id).toBe(closedSprint().id);
    expect(coaching.tips.decide.map(en).join(' ')).toMatch(/GROW/);
    for (const p of coaching.prompts) {
      expect(['transparency', 'inspection', 'adaptation']).toContain(p.pillar);
      expect(en(p.text)).toMatch(/\?$/);
      expect(nl(p.text)).toMatch(/\?$/);
    }
  });

  test('50 cards added at the same moment are all kept; authors of anonymous cards never leave the backend', async () => {
    const writers = [sanne, amira, lucas];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => call('addCard', { retroId, columnId: ['transparency', 'inspection', 'adaptation'][i % 3], text: `Card ${i}` }, writers[i % 3])));
    expect(results.every((r: any) => r.ok)).toBe(true);
    const view = await ok('getRetro', { retroId }, amira);
    expect(view.cards).toHaveLength(50);
    expect(view.cards.filter((c: { mine: boolean }) => c.mine)).toHaveLength(17);
    expect(view.cards.every((c: object) => !('authorId' in c))).toBe(true);
    cardIds = view.cards.map((c: { id: string }) => c.id);
  });

  test('authors can edit and delete their own anonymous cards, nobody else can', async () => {
    const view = await ok('getRetro', { retroId }, amira);
    const mine = view.cards.find((c: { mine: boolean }) => c.mine);
    const theirs = view.cards.find((c: { mine: boolean }) => !c.mine);
    await ok('editCard', { retroId, cardId: mine.id, text: 'Reworded' }, amira);
    expect(await call('editCard', { retroId, cardId: theirs.id, text: 'Hijack' }, amira)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('deleteCard', { retroId, cardId: theirs.id }, amira)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const extra = await ok('addCard', { retroId, columnId: 'adaptation', text: 'to delete' }, amira);
    await ok('deleteCard', { retroId, cardId: extra.id }, amira);
    expect((await ok('getRetro', { retroId }, sanne)).cards.map((c: { text: string }) => c.text)).toContain('Reworded');
  });

  test('bad input gets a clear error and stores nothing', async () => {
    const before = JSON.stringify(backend.store.snapshot());
    const bad = [
      ['addCard', { retroId, columnId: 'inspection', text: 'x'.repeat(2001) }, amira, 'INVALID_INPUT'],
      ['addCard', { retroId, columnId: 'nope', text: 'hello' }, amira, 'INVALID_INPUT'],
      ['addCard', { retroId: '00000000-0000-4000-8000-000000000000', columnId: 'inspection', text: 'hello' }, amira, 'NOT_FOUND'],
      ['addCard', { retroId, columnId: 'inspection', text: 'sneaky' }, joost, 'NOT_FOUND'],
      ['addCard', { retroId, columnId: 'inspection', text: '   ' }, amira, 'INVALID_INPUT'],
      ['createRetro', { boardId: 1, sprintId: closedSprint().id, formatId: 'pillars' }, joost, 'NOT_FOUND'],
      ['createRetro', { boardId: 1, sprintId: 101, formatId: 'pillars' }, sanne, 'NOT_FOUND'],
      ['createRetro', { boardId: 1, sprintId: closedSprint().id, formatId: 'no-such-format' }, sanne, 'INVALID_INPUT'],
    ] as const;
    for (const [fn, payload, who, code] of bad) expect(await call(fn, payload, who)).toMatchObject({ ok: false, error: { code } });
    expect(JSON.stringify(backend.store.snapshot())).toBe(before);
  });

  test('insights: 200 votes cast at once respect every budget exactly; totals stay hidden until revealed', async () => {
    await ok('setPhase', { retroId, phase: 'insights' }, sanne);
    const voters = harUsers; // 8 people, 25 votes each at the same moment, budget 3 each
    const attempts = voters.flatMap((v, i) => Array.from({ length: 25 }, (_, k) => ({ v, card: cardIds[(i * 7 + k) % cardIds.length] })));
    expect(attempts).toHaveLength(200);
    const results = await Promise.all(attempts.map(({ v, card }) => call('vote', { retroId, cardId: card }, v)));
    expect(results.filter((r: any) => r.ok)).toHaveLength(voters.length * 3);
    expect(results.filter((r: any) => !r.ok).every((r: any) => r.error.code === 'CONFLICT')).toBe(true);
    const amiraView = await ok('getRetro', { retroId }, amira);
    expect(amiraView.myVotesLeft).toBe(0);
    expect(amiraView.cards.every((c: { votes: unknown }) => c.votes === null)).toBe(true);
    expect(amiraView.cards.reduce((n: number, c: { myVotes: number }) => n + c.myVotes, 0)).toBe(3);
    expect(amiraView.votersSoFar).toBe(voters.length);
    expect(await call('revealVotes', { retroId }, amira)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const revealed = await ok('revealVotes', { retroId }, sanne);
    expect(revealed.cards.reduce((n: number, c: { votes: number }) => n + c.votes, 0)).toBe(voters.length * 3);
  });

  test('themes group cards and add up their votes; a vote can be taken back', async () => {
    const theme = await ok('addTheme', { retroId, title: 'Unplanned work' }, lucas);
    const view = await ok('getRetro', { retroId }, lucas);
    const voted = view.cards.filter((c: { votes: number }) => c.votes > 0).slice(0, 2);
    for (const c of voted) await ok('groupCard', { retroId, cardId: c.id, themeId: theme.id }, lucas);
    const after = await ok('getRetro', { retroId }, lucas);
    expect(after.themes[0].votes).toBe(voted.reduce((n: number, c: { votes: number }) => n + c.votes, 0));
    const myCard = after.cards.find((c: { myVotes: number }) => c.myVotes > 0);
    await ok('unvote', { retroId, cardId: myCard.id }, lucas);
    expect((await ok('getRetro', { retroId }, lucas)).myVotesLeft).toBe(1);
  });

  test('decide: actions get SMART hints; "Create in Jira" makes a real issue linked to the retro', async () => {
    await ok('setPhase', { retroId, phase: 'decide' }, sanne);
    const vague = await ok('addAction', { retroId, text: 'Fix planning' }, amira);
    expect(vague.hints.map(en).join(' ')).toMatch(/Measurable.*Owner.*Time-bound/);
    const smart = await ok('addAction', { retroId, text: 'Cap unplanned work at one item per sprint', ownerId: amira, measure: 'Unplanned share below 15%', dueSprintId: 11 }, sanne);
    expect(smart.hints).toEqual([]);
    const created = await ok('createActionIssue', { retroId, actionId: smart.action.id }, sanne);
    const issue = site.issues.find((i) => i.key === created.issueKey)!;
    expect(issue).toMatchObject({ projectKey: 'HAR', issueType: 'Task', labels: ['retro-action'], assigneeId: amira, summary: smart.action.text });
    expect(issue.properties['scrum-coach-retro']).toEqual({ retroId, actionId: smart.action.id });
    expect(JSON.stringify(issue.description)).toContain('How we will know it worked: Unplanned share below 15%');
    const dutch = await ok('addAction', { retroId, text: 'Pair on every production bug fix', ownerId: amira, measure: 'Half the bugs fixed in pairs', dueSprintId: 11 }, sanne);
    const { issueKey: dutchKey } = await ok('createActionIssue', { retroId, actionId: dutch.action.id, locale: 'nl-NL' }, sanne);
    const dutchIssue = site.issues.find((i) => i.key === dutchKey)!;
    expect(JSON.stringify(dutchIssue.description)).toContain('Zo weten we dat het gewerkt heeft: Half the bugs fixed in pairs');
    expect(JSON.stringify(dutchIssue.description)).toContain(`Afgesproken in de retrospective van ${closedSprint().name}`);
    expect(await call('createActionIssue', { retroId, actionId: smart.action.id }, sanne)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // No answer to a creating POST: it is not sent again (that could make two issues), and the person is told to check.
    const lost = await ok('addAction', { retroId, text: 'Review the definition of done with QA', ownerId: amira, measure: 'Agreed DoD', dueSprintId: 11 }, sanne);
    const issuesBefore = site.issues.length;
    backend.emulator.injectFaults({ status: 'reset', path: '/rest/api/3/issue', method: 'POST' });
    const unanswered = await call('createActionIssue', { retroId, actionId: lost.action.id }, sanne);
    expect(unanswered).toMatchObject({ ok: false, error: { code: 'JIRA_UNAVAILABLE' } });
    expect(en(unanswered.error.message)).toMatch(/^Could not save a new issue in HAR: Jira did not answer .*check in Jira before trying again$/);
    expect(backend.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue').map((r) => r.status).at(-1)).toBe(0);
    expect(site.issues.length).toBe(issuesBefore);
    expect((await ok('getRetro', { retroId }, sanne)).actions.find((a: { id: string }) => a.id === lost.action.id).issueKey).toBeNull();
  });

  test('close: return on time invested; export as Markdown and as an ADF comment', async () => {
    await ok('setPhase', { retroId, phase: 'close' }, sanne);
    await ok('setRoti', { retroId, score: 4 }, sanne);
    await ok('setRoti', { retroId, score: 5 }, amira);
    expect((await ok('getRetro', { retroId }, lucas)).roti).toMatchObject({ count: 2, average: 4.5, mine: null });
    const { markdown } = await ok('exportRetro', { retroId }, lucas);
    expect(markdown).toContain(`# Retrospective — ${closedSprint().name}`);
    expect(markdown).toContain('**Unplanned work**');
    expect(markdown).toContain('Cap unplanned work at one item per sprint — Amira Haddad — measure: Unplanned share below 15%');
    expect(markdown).toContain('Return on time invested: 4.5 / 5 from 2 people.');
    // In the reader's Jira language, through @forge/api's i18n and the app's translation bundle.
    const dutch = (await ok('exportRetro', { retroId, locale: 'nl-NL' }, lucas)).markdown;
    expect(dutch).toContain('## Acties');
    expect(dutch).toContain('Cap unplanned work at one item per sprint — Amira Haddad — meting: Unplanned share below 15%');
    expect(dutch).toContain('Return on time invested: 4,5 / 5 van 2 personen.');
    expect((await ok('exportRetro', { retroId, locale: 'fr-FR' }, lucas)).markdown).toBe(markdown); // no French yet: English
    expect(await call('exportRetro', { retroId, locale: 'not a locale' }, lucas)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await ok('postRetroSummary', { retroId, issueKey: 'HAR-3' }, lucas);
    const comment = site.comments.at(-1)!;
    expect(comment.issueKey).toBe('HAR-3');
    expect(JSON.stringify(comment.body)).toContain('Unplanned work');
  });

  test('the next retro shows open actions again, with their status read live from Jira', async () => {
    const next = await ok('createRetro', { boardId: 1, sprintId: site.sprints.find((s) => s.boardId === 1 && s.state === 'active')!.id, formatId: 'start-stop-continue' }, amira);
    let coaching = await ok('getRetroCoaching', { retroId: next.id }, lucas);
    expect(coaching.previousActions.map((a: { text: string }) => a.text).sort()).toEqual(['Cap unplanned work at one item per sprint', 'Fix planning', 'Pair on every production bug fix', 'Review the definition of done with QA']);
    expect(coaching.prompts.find((p: { id: string }) => p.id === 'open-actions')).toMatchObject({ pillar: 'adaptation', phase: 'review' });
    // Someone finishes the Jira issue: the next look shows it done, without anyone touching the retro.
    const tracked = coaching.previousActions.find((a: { text: string }) => a.text.startsWith('Cap unplanned'));
    site.issues.find((i) => i.key === tracked.issueKey)!.statusId = '10002';
    coaching = await ok('getRetroCoaching', { retroId: next.id }, lucas);
    expect(coaching.previousActions.find((a: { text: string }) => a.text.startsWith('Cap unplanned')).done).toBe(true);
    expect(en(coaching.prompts.find((p: { id: string }) => p.id === 'open-actions').text)).toMatch(/^I notice 3 actions from earlier retros are still open/);
  });

  test('no response ever carried the author of an anonymous card', () => {
    const json = JSON.stringify(responses);
    expect(json).not.toMatch(/"authorId"/);
    expect(json).toContain('"mine":true');
  });
});

describe('formats, facilitation hand-over and named cards', () => {
  test('a team adds its own format and runs a retro with it; other boards do not see it', async () => {
    const format = await ok('addRetroFormat', { boardId: 1, name: 'Hot air balloon', columns: [{ title: 'Hot air' }, { title: 'Sandbags' }] }, sanne);
    expect(format.columns.map((c: { title: string }) => c.title)).toEqual(['Hot air', 'Sandbags']);
    expect((await ok('getRetroFormats', { boardId: 1 }, amira)).map((f: { name: string }) => f.name)).toContain('Hot air balloon');
    const clara = user(site, 'Clara');
    expect((await ok('getRetroFormats', { boardId: 2 }, clara)).map((f: { name: string }) => f.name)).not.toContain('Hot air balloon');
    expect(await call('addRetroFormat', { boardId: 1, name: 'Too many', columns: Array.from({ length: 9 }, (_, i) => ({ title: `C${i}` })) }, sanne)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const retro = await ok('createRetro', { boardId: 1, sprintId: closedSprint().id, formatId: format.id, anonymous: false }, sanne);
    expect(retro.format.name).toBe('Hot air balloon');
    await ok('setPhase', { retroId: retro.id, phase: 'gather' }, sanne);
    await ok('addCard', { retroId: retro.id, columnId: format.columns[0].id, text: 'Pairing lifted us' }, amira);
    const view = await ok('getRetro', { retroId: retro.id }, sanne);
    expect(view.cards[0]).toMatchObject({ text: 'Pairing lifted us', authorId: amira, mine: false });
  });

  test('the facilitator hands over; then only the new facilitator moves the phases', async () => {
    const retro = await ok('createRetro', { boardId: 1, sprintId: closedSprint().id, formatId: 'mad-sad-glad' }, sanne);
    const found = await ok('findUsers', { query: 'Lucas' }, sanne);
    expect(found).toEqual([{ accountId: lucas, displayName: 'Lucas Bakker' }]);
    await ok('handOver', { retroId: retro.id, accountId: lucas }, sanne);
    expect(await call('setPhase', { retroId: retro.id, phase: 'review' }, sanne)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ok('setPhase', { retroId: retro.id, phase: 'review' }, lucas)).isFacilitator).toBe(true);
  });
});

test('deleting a card gives its votes back to the voters', async () => {
  const retro = await ok('createRetro', { boardId: 1, sprintId: closedSprint().id, formatId: 'start-stop-continue', voteBudget: 2 }, sanne);
  await ok('setPhase', { retroId: retro.id, phase: 'insights' }, sanne);
  const card = await ok('addCard', { retroId: retro.id, columnId: 'stop', text: 'Long meetings' }, amira);
  await ok('vote', { retroId: retro.id, cardId: card.id }, lucas);
  await ok('vote', { retroId: retro.id, cardId: card.id }, lucas);
  expect((await ok('getRetro', { retroId: retro.id }, lucas)).myVotesLeft).toBe(0);
  await ok('deleteCard', { retroId: retro.id, cardId: card.id }, amira);
  expect((await ok('getRetro', { retroId: retro.id }, lucas)).myVotesLeft).toBe(2);
  expect(Object.keys(backend.store.snapshot()).filter((k) => k.startsWith(`retro:${retro.id}:vote:`))).toEqual([]);
});
