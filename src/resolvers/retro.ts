import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CARD_TEXT_MAX, PHASES, retroMarkdown, retroView, smartHints, type Action, type Retro } from '../domain/retro';
import { BUILT_IN_FORMATS, findFormat } from '../domain/retroFormats';
import { msg, render, type Message, type Reader } from '../domain/message';
import { FACILITATION_TIPS, retroPrompts, type OpenAction } from '../domain/prompts';
import type { BoardSummary } from '../jira/boards';
import { getSprint } from '../jira/boards';
import { JiraError } from '../jira/client';
import { actionIssueType, creatableIssueTypes } from '../jira/createMeta';
import { addComment, adfParagraphs, commentDocuments, createIssue } from '../jira/issueWrites';
import { displayNames } from '../jira/users';
import * as store from '../store/retroStore';
import { authorizeBoard } from './access';
import { actionDoneNow } from './actionStatus';
import { id, issueKey, resolver, UserError, type Caller } from './envelope';
import { locale, readerFor } from './locale';
import { sprintFactsFor } from './sprintFacts';

const retroId = z.string().uuid();
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const accountId = z.string().min(1).max(128).regex(/^[A-Za-z0-9:_-]+$/, 'must be an Atlassian account id');

interface RetroCtx { retro: Retro; board: BoardSummary }

/** Load the retro and check the caller may browse its board; the same answer whether it is missing or hidden. */
async function openRetro(caller: Caller, rid: string): Promise<RetroCtx> {
  const missing = () => new UserError('NOT_FOUND', msg('error.retroNotFound'));
  const retro = await store.readRetro(rid);
  if (!retro) throw missing();
  try {
    return { retro, board: await authorizeBoard(caller.client, retro.boardId) };
  } catch (e) {
    if (e instanceof UserError) throw missing();
    throw e;
  }
}

function onRetro<S extends z.ZodRawShape, T>(shape: S, fn: (input: z.infer<z.ZodObject<S & { retroId: typeof retroId }>>, caller: Caller, ctx: RetroCtx) => Promise<T>) {
  return resolver(z.object({ retroId, ...shape }).strict(), async (input, caller) => {
    const ctx = await openRetro(caller, (input as { retroId: string }).retroId);
    return { data: await fn(input as never, caller, ctx) };
  });
}

const requireFacilitator = (retro: Retro, me: string) => {
  if (retro.facilitatorId !== me) throw new UserError('FORBIDDEN', msg('error.facilitatorOnly'));
};
const requirePhase = (retro: Retro, phases: Retro['phase'][], what: Message) => {
  if (!phases.includes(retro.phase)) throw new UserError('CONFLICT', msg('error.notInPhase', { what }));
};

async function currentView(caller: Caller, retro: Retro) {
  return retroView(await store.readRecords(retro), caller.accountId);
}

// ---- retros -------------------------------------------------------------------------------------

export const getRetroFormats = resolver(z.object({ boardId: id }).strict(), async ({ boardId }, { client }) => {
  await authorizeBoard(client, boardId);
  return { data: [...BUILT_IN_FORMATS, ...(await store.customFormats(boardId))] };
});

export const addRetroFormat = resolver(z.object({
  boardId: id, name: text(80),
  columns: z.array(z.object({ title: text(60), hint: z.string().max(200).default('') }).strict()).min(1).max(8),
}).strict(), async ({ boardId, name, columns }, { client }) => {
  await authorizeBoard(client, boardId);
  const format = { id: `custom-${randomUUID()}`, name, custom: true, columns: columns.map((c, i) => ({ id: `c${i + 1}`, title: c.title, hint: c.hint })) };
  await store.saveFormat(boardId, format);
  return { data: format };
});

export const listRetros = resolver(z.object({ boardId: id }).strict(), async ({ boardId }, { client }) => {
  await authorizeBoard(client, boardId);
  return { data: await store.listRetros(boardId) };
});

export const createRetro = resolver(z.object({
  boardId: id, sprintId: id, formatId: z.string().max(64),
  anonymous: z.boolean().default(true), voteBudget: z.number().int().min(1).max(10).default(3),
}).strict(), async (input, { client, accountId: me }) => {
  const board = await authorizeBoard(client, input.boardId);
  let sprint;
  try { sprint = await getSprint(client, board.id, input.sprintId); } catch (e) {
    if (e instanceof JiraError && e.notVisible) throw new UserError('NOT_FOUND', msg('error.sprintNotOnBoard', { sprintId: input.sprintId, board: board.name }));
    throw e;
  }
  const format = findFormat(input.formatId, await store.customFormats(board.id));
  if (!format) throw new UserError('INVALID_INPUT', msg('error.unknownFormat', { format: input.formatId }));
  const retro: Retro = {
    id: randomUUID(), boardId: board.id, projectKey: board.projectKey ?? '', sprintId: sprint.id, sprintName: sprint.name, format,
    facilitatorId: me, phase: 'checkin', anonymous: input.anonymous, voteBudget: input.voteBudget, votesRevealed: false,
    createdAt: Date.now(), createdBy: me,
  };
  await store.createRetro(retro);
  return { data: retro };
});

export const getRetro = onRetro({}, async (_input, caller, { retro }) => currentView(caller, retro));

/** Prompts and tips: sprint facts, earlier retros' open actions with their live Jira status. */
export const getRetroCoaching = resolver(z.object({ retroId }).strict(), async ({ retroId: rid }, caller) => {
  const { retro, board } = await openRetro(caller, rid);
  const warnings: Message[] = [];
  const factsAnswer = await sprintFactsFor(caller.client, board, retro.sprintId).catch((e) => {
    if (e instanceof UserError || e instanceof JiraError) { warnings.push(e.text); return null; }
    throw e;
  });
  warnings.push(...(factsAnswer?.warnings ?? []));
  const earlier = (await store.listRetros(retro.boardId)).filter((r) => r.createdAt < retro.createdAt);
  const open: (Action & { sprintsOpen: number })[] = [];
  for (const [n, r] of earlier.entries()) {
    for (const a of await store.readActions(r.id)) if (!a.done) open.push({ ...a, sprintsOpen: n + 1 });
  }
  const isDone = await actionDoneNow(caller.client, open, warnings);
  const previousActions = open.map((a) => ({ ...a, done: isDone(a) }));
  const stillOpen: OpenAction[] = previousActions.filter((a) => !a.done).map((a) => ({ text: a.text, issueKey: a.issueKey, sprintsOpen: a.sprintsOpen }));
  return {
    data: { facts: factsAnswer?.data ?? null, prompts: retroPrompts(factsAnswer?.data ?? null, stillOpen), tips: FACILITATION_TIPS, previousActions },
    warnings,
  };
});

export const setPhase = onRetro({ phase: z.enum(PHASES) }, async ({ phase }, caller, { retro }) => {
  requireFacilitator(retro, caller.accountId);
  await store.saveRetro({ ...retro, phase });
  return currentView(caller, { ...retro, phase });
});

export const handOver = onRetro({ accountId }, async ({ accountId: to }, caller, { retro }) => {
  requireFacilitator(retro, caller.accountId);
  await store.saveRetro({ ...retro, facilitatorId: to });
  return currentView(caller, { ...retro, facilitatorId: to });
});

export const revealVotes = onRetro({}, async (_i, caller, { retro }) => {
  requireFacilitator(retro, caller.accountId);
  await store.saveRetro({ ...retro, votesRevealed: true });
  return currentView(caller, { ...retro, votesRevealed: true });
});

// ---- cards, votes, themes -------------------------------------------------------------------------

export const addCard = onRetro({ columnId: z.string().max(64), text: text(CARD_TEXT_MAX) }, async (input, caller, { retro }) => {
  requirePhase(retro, ['gather', 'insights'], msg('activity.addingCards'));
  if (!retro.format.columns.some((c) => c.id === input.columnId)) throw new UserError('INVALID_INPUT', msg('error.unknownColumn', { column: input.columnId }));
  const card = { id: randomUUID(), columnId: input.columnId, text: input.text, authorId: caller.accountId, themeId: null, createdAt: Date.now() };
  await store.saveCard(retro.id, card);
  return { id: card.id };
});

async function ownCard(retro: Retro, cardId: string, me: string) {
  const card = await store.readCard(retro.id, cardId);
  if (!card) throw new UserError('NOT_FOUND', msg('error.cardGone'));
  if (card.authorId !== me) throw new UserError('FORBIDDEN', msg('error.authorOnly'));
  return card;
}

export const editCard = onRetro({ cardId: z.string().uuid(), text: text(CARD_TEXT_MAX) }, async (input, caller, { retro }) => {
  const card = await ownCard(retro, input.cardId, caller.accountId);
  await store.saveCard(retro.id, { ...card, text: input.text });
  return { id: card.id };
});

export const deleteCard = onRetro({ cardId: z.string().uuid() }, async (input, caller, { retro }) => {
  const card = await ownCard(retro, input.cardId, caller.accountId);
  await store.deleteCard(retro.id, card.id);
  return { id: card.id };
});

export const vote = onRetro({ cardId: z.string().uuid() }, async ({ cardId }, caller, { retro }) => {
  requirePhase(retro, ['insights'], msg('activity.voting'));
  if (!(await store.readCard(retro.id, cardId))) throw new UserError('NOT_FOUND', msg('error.cardGone'));
  if (!(await store.castVote(retro.id, caller.accountId, cardId, retro.voteBudget))) {
    throw new UserError('CONFLICT', msg('error.noVotesLeft', { n: retro.voteBudget }));
  }
  return { cardId };
});

export const unvote = onRetro({ cardId: z.string().uuid() }, async ({ cardId }, caller, { retro }) => {
  requirePhase(retro, ['insights'], msg('activity.voting'));
  if (!(await store.withdrawVote(retro.id, caller.accountId, cardId))) throw new UserError('CONFLICT', msg('error.noVoteOnCard'));
  return { cardId };
});

export const addTheme = onRetro({ title: text(120) }, async ({ title }, _caller, { retro }) => {
  requirePhase(retro, ['insights'], msg('activity.grouping'));
  const theme = { id: randomUUID(), title, createdAt: Date.now() };
  await store.saveTheme(retro.id, theme);
  return theme;
});

export const groupCard = onRetro({ cardId: z.string().uuid(), themeId: z.string().uuid().nullable() }, async ({ cardId, themeId }, _caller, { retro }) => {
  requirePhase(retro, ['insights'], msg('activity.grouping'));
  const card = await store.readCard(retro.id, cardId);
  if (!card) throw new UserError('NOT_FOUND', msg('error.cardGone'));
  if (themeId && !(await store.readTheme(retro.id, themeId))) throw new UserError('NOT_FOUND', msg('error.themeGone'));
  await store.saveCard(retro.id, { ...card, themeId });
  return { cardId, themeId };
});

// ---- actions, scores, export --------------------------------------------------------------------

export const addAction = onRetro({
  text: text(500), ownerId: accountId.nullable().default(null), measure: z.string().max(500).default(''), dueSprintId: id.nullable().default(null),
}, async (input, _caller, { retro }) => {
  requirePhase(retro, ['decide'], msg('activity.addingActions'));
  const action: Action = { id: randomUUID(), text: input.text, ownerId: input.ownerId, measure: input.measure, dueSprintId: input.dueSprintId, issueKey: null, done: false, createdAt: Date.now(), retroId: retro.id };
  await store.saveAction(retro.id, action);
  return { action, hints: smartHints(action) };
});

/** Mark an action of this or an earlier retro of the same board done (or not). */
export const setActionDone = onRetro({ actionRetroId: retroId, actionId: z.string().uuid(), done: z.boolean() }, async (input, _caller, { retro }) => {
  const owner = await store.readRetro(input.actionRetroId);
  if (!owner || owner.boardId !== retro.boardId) throw new UserError('NOT_FOUND', msg('error.actionOtherBoard'));
  const action = await store.readAction(owner.id, input.actionId);
  if (!action) throw new UserError('NOT_FOUND', msg('error.actionGone'));
  await store.saveAction(owner.id, { ...action, done: input.done });
  return { ...action, done: input.done };
});

export const createActionIssue = onRetro({ actionId: z.string().uuid(), locale }, async ({ actionId, locale: lang }, caller, { retro }) => {
  const action = await store.readAction(retro.id, actionId);
  if (!action) throw new UserError('NOT_FOUND', msg('error.actionGone'));
  if (action.issueKey) throw new UserError('CONFLICT', msg('error.actionTracked', { key: action.issueKey }));
  const reader = await readerFor(lang);
  const read = (m: Message) => render(m, reader.translate, reader.formatNumber);
  const types = await creatableIssueTypes(caller.client, retro.projectKey);
  if (!types.length) throw new UserError('FORBIDDEN', msg('error.noCreatePermission', { project: retro.projectKey }));
  const type = actionIssueType(types);
  if (!type) throw new UserError('CONFLICT', msg('error.noActionIssueType', { project: retro.projectKey }));
  // The link back (retro and action ids, queryable in JQL) is set in the create call: one write, never half done.
  const key = await createIssue(caller.client, {
    projectKey: retro.projectKey, issueTypeId: type.id, summary: action.text, labels: ['retro-action'],
    assigneeId: action.ownerId,
    description: adfParagraphs(
      action.text,
      action.measure ? read(msg('summary.actionIssue.measure', { measure: action.measure })) : '',
      read(msg('summary.actionIssue.agreed', { sprint: retro.sprintName, retroId: retro.id })),
    ),
    properties: { 'scrum-coach-retro': { retroId: retro.id, actionId: action.id } },
  });
  const updated = { ...action, issueKey: key };
  await store.saveAction(retro.id, updated);
  return updated;
});

const score = z.number().int().min(1).max(5);

export const setCheckIn = onRetro({ word: text(40) }, async ({ word }, caller, { retro }) => {
  requirePhase(retro, ['checkin'], msg('activity.checkin'));
  await store.saveCheckIn(retro.id, { accountId: caller.accountId, word });
  return { word };
});

export const setSafety = onRetro({ score }, async ({ score: s }, caller, { retro }) => {
  requirePhase(retro, ['checkin'], msg('activity.safety'));
  await store.saveScore(retro.id, 'safety', { accountId: caller.accountId, score: s });
  return { score: s };
});

export const setRoti = onRetro({ score }, async ({ score: s }, caller, { retro }) => {
  requirePhase(retro, ['close'], msg('activity.roti'));
  await store.saveScore(retro.id, 'roti', { accountId: caller.accountId, score: s });
  return { score: s };
});

async function summary(caller: Caller, ctx: RetroCtx, reader: Reader) {
  const facts = await sprintFactsFor(caller.client, ctx.board, ctx.retro.sprintId).then((a) => a.data).catch(() => null);
  const records = await store.readRecords(ctx.retro);
  const names = await displayNames(caller.client, records.actions.map((a) => a.ownerId).filter((x): x is string => !!x));
  return retroMarkdown(records, facts && {
    unit: facts.unit, committed: facts.totals.committed.estimate, completed: facts.totals.completed.estimate,
    scopeChange: facts.metrics.scopeChange, sayDo: facts.metrics.sayDo,
  }, (a) => names.get(a) ?? reader.translate('retro.ownerUnknown'), reader);
}

export const exportRetro = onRetro({ locale }, async (input, caller, ctx) => ({ markdown: await summary(caller, ctx, await readerFor(input.locale)) }));

export const postRetroSummary = onRetro({ issueKey, locale }, async (input, caller, ctx) => {
  const key = input.issueKey;
  const reader = await readerFor(input.locale);
  const markdown = await summary(caller, ctx, reader);
  const partNote = (n: number, total: number) =>
    render(msg('summary.commentPart', { n, total }), reader.translate, reader.formatNumber);
  // Over Jira's comment limit, the summary goes as several comments in order, each saying which part it is.
  const documents = commentDocuments(markdown.split('\n').filter((l) => l.trim()), partNote);
  for (const document of documents) await addComment(caller.client, key, document);
  return { issueKey: key, comments: documents.length };
});
