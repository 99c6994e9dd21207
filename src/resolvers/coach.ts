import { z } from 'zod';
import { coefficientOfVariation, detectPatterns, keywords, recurringThemes, seriesCsv, seriesOf, type RetroText } from '../domain/patterns';
import type { Action } from '../domain/retro';
import type { Message } from '../domain/message';
import type { BoardSummary } from '../jira/boards';
import { listSprints } from '../jira/boards';
import * as retros from '../store/retroStore';
import { authorizeBoard } from './access';
import { actionDoneNow } from './actionStatus';
import { id, resolver, type Caller } from './envelope';
import { factsOfSprints } from './sprintFacts';

/** Sprints per series call: small enough that a cold load of them stays well inside 25 s. */
export const SERIES_CHUNK = 8;

async function teamFacts(caller: Caller, board: BoardSummary, sprintIds: number[]) {
  const all = await listSprints(caller.client, board.id);
  return factsOfSprints(caller.client, board, all.filter((s) => sprintIds.includes(s.id)));
}

/** The last `window` started sprints of a board, oldest first. */
export const getCoachSprints = resolver(z.object({ boardId: id, window: z.number().int().min(2).max(26).default(10) }).strict(), async ({ boardId, window }, { client }) => {
  const board = await authorizeBoard(client, boardId);
  const sprints = (await listSprints(client, board.id)).slice(-window);
  return { data: { board, sprints: sprints.map((s) => ({ id: s.id, name: s.name, state: s.state })) } };
});

/** Series points for up to 8 sprints of one team: the UI asks chunk by chunk and draws as they come. */
export const getTeamSeries = resolver(z.object({ boardId: id, sprintIds: z.array(id).min(1).max(SERIES_CHUNK) }).strict(), async ({ boardId, sprintIds }, caller) => {
  const board = await authorizeBoard(caller.client, boardId);
  const { facts, warnings } = await teamFacts(caller, board, sprintIds);
  return { data: seriesOf(facts), warnings };
});

const teamsSchema = z.array(z.object({ boardId: id, sprintIds: z.array(id).min(1).max(26) }).strict()).min(1).max(10);

/** Patterns across the chosen teams and sprints, with retro themes, participation and action follow-through. */
export const getCoachPatterns = resolver(z.object({ teams: teamsSchema }).strict(), async ({ teams }, caller) => {
  const warnings: Message[] = [];
  const perTeam = [];
  for (const t of teams) {
    const board = await authorizeBoard(caller.client, t.boardId);
    const { facts, warnings: w } = await teamFacts(caller, board, t.sprintIds);
    warnings.push(...w);
    const series = seriesOf(facts);
    const inWindow = new Set(t.sprintIds);
    const teamRetros = (await retros.listRetros(board.id)).filter((r) => inWindow.has(r.sprintId)).reverse();
    const texts: RetroText[] = [];
    const participation: { sprintId: number; sprintName: string; people: number }[] = [];
    const actions: Action[] = [];
    for (const summary of teamRetros) {
      const retro = await retros.readRetro(summary.id);
      if (!retro) continue;
      const rec = await retros.readRecords(retro);
      texts.push({ retroId: retro.id, sprintId: retro.sprintId, sprintName: retro.sprintName, texts: [...rec.cards.map((c) => c.text), ...rec.themes.map((x) => x.title)], doneActions: [] });
      // A count of people, never who: anonymous retros stay anonymous.
      participation.push({ sprintId: retro.sprintId, sprintName: retro.sprintName, people: new Set([...rec.cards.map((c) => c.authorId), ...rec.votes.map((v) => v.voterId), ...rec.safety.map((s) => s.accountId), ...rec.checkins.map((c) => c.accountId)]).size });
      actions.push(...rec.actions);
    }
    const isDone = await actionDoneNow(caller.client, actions, warnings);
    const done = actions.filter(isDone);
    const open = actions.filter((a) => !isDone(a));
    for (const r of texts) r.doneActions = done.filter((a) => a.retroId === r.retroId).map((a) => a.text);
    const themes = recurringThemes(texts);
    perTeam.push({
      team: board.name, boardId: board.id, series, themes, participation,
      velocityCv: coefficientOfVariation(series.map((p) => p.values.velocity)),
      actions: { total: actions.length, done: done.length, completionRate: actions.length ? done.length / actions.length : null,
        openAgeDays: open.map((a) => Math.floor((Date.now() - a.createdAt) / 86_400_000)) },
      // Theme × sprint: how many cards of each recurring theme each retro had.
      heat: themes.slice(0, 12).map((th) => ({ word: th.word, counts: texts.map((r) => ({ sprintName: r.sprintName, n: r.texts.filter((x) => keywords(x).includes(th.word)).length })) })),
    });
  }
  return {
    data: {
      teams: perTeam,
      patterns: detectPatterns(perTeam.map((p) => ({ team: p.team, series: p.series, themes: p.themes }))),
      csv: seriesCsv(perTeam.map((p) => ({ team: p.team, series: p.series }))),
    },
    warnings,
  };
});
