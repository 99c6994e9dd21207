import { z } from 'zod';
import { derivedValue, rankPlan, valueForEffort, wsjf, type Scores } from '../domain/prioritisation';
import { checkItem, effectiveSplitThreshold, type BacklogItem } from '../domain/readiness';
import type { BoardModel } from '../domain/sprintFacts';
import { msg, plural } from '../domain/message';
import {
  backlogPage, inCurrentRankOrder, rank, readScores, toBacklogItem, writeScores, type RankFailure,
} from '../jira/backlog';
import { getBoardModel, listBoards, listSprints } from '../jira/boards';
import { findIssue } from '../jira/issues';
import { readDor, saveDor } from '../store/refinementStore';
import { listLinks, listStakeholders } from '../store/stakeholderStore';
import { authorizeBoard } from './access';
import { id, issueKey, resolver, UserError, type Caller } from './envelope';
import { factsOfSprints, siteFields } from './sprintFacts';

const MAX_PAGES_PER_CALL = 10;
const pageToken = z.string().min(1).max(500);

const dorSchema = z.object({
  minDescriptionChars: z.number().int().min(0).max(5000),
  requireAcceptanceCriteria: z.boolean(),
  requireEstimate: z.boolean(),
  splitThreshold: z.number().positive().max(1000).nullable(),
  requireParent: z.boolean(),
  staleDays: z.number().int().min(0).max(3650),
  requireNoBlockers: z.boolean(),
  requireStakeholder: z.boolean(),
}).strict();

const score = z.number().int().min(1).max(10);
const scoresSchema = z.object({ value: score, timeCriticality: score, riskReduction: score, jobSize: score, effort: score }).partial().strict();

/** Velocities of the last 3 closed sprints (cached facts), for the split threshold and runway. */
async function recentVelocities(caller: Caller, board: Awaited<ReturnType<typeof authorizeBoard>>) {
  const closed = (await listSprints(caller.client, board.id, 'closed')).slice(-3);
  return (await factsOfSprints(caller.client, board, closed)).facts.map((f) => f.metrics.velocity);
}

/**
 * The backlog in rank order with readiness, scores and stakeholders, up to 10 pages (1,000 items) a
 * call: the UI calls again with `pageToken` and shows items as they come, so 5,000 items stay well
 * inside the 25 s limit of each call.
 */
export const getBacklog = resolver(z.object({
  boardId: id, pageToken: pageToken.optional(), pages: z.number().int().min(1).max(MAX_PAGES_PER_CALL).default(5),
  /** The caller just ranked: order the items by their Rank read from the issues, not the lagging list. */
  afterRank: z.boolean().default(false),
}).strict(),
  async ({ boardId, pageToken: token, pages, afterRank }, caller) => {
    const board = await authorizeBoard(caller.client, boardId);
    const projectKey = board.projectKey ?? '';
    const [model, dor, velocities, stakeholders, links] = await Promise.all([
      getBoardModel(caller.client, board), readDor(board.id), recentVelocities(caller, board), listStakeholders(projectKey), listLinks(projectKey),
    ]);
    let items: BacklogItem[] = [];
    let next: string | null = token ?? null;
    for (let n = 0; n < pages; n++) {
      const page = await backlogPage(caller.client, model, next);
      items.push(...page.items);
      next = page.nextPageToken;
      if (!next) break;
    }
    if (afterRank) items = await freshOrder(caller, model, items);
    const scores = await readScores(caller.client, items.map((x) => x.key));
    const splitAt = effectiveSplitThreshold(dor, velocities);
    const byId = new Map(stakeholders.map((s) => [s.id, s]));
    const now = Date.now();
    return {
      data: {
        dor, velocities, splitAt, nextPageToken: next,
        items: items.map((item) => {
          const itemLinks = links.filter((l) => l.issueKey === item.key && byId.has(l.stakeholderId));
          const value = derivedValue(itemLinks.filter((l) => l.statedValue !== null).map((l) => ({ value: l.statedValue!, stakeholder: byId.get(l.stakeholderId)! })));
          const s = scores.get(item.key) ?? null;
          return {
            ...item,
            readiness: checkItem(item, dor, { splitAt, stakeholderLinked: itemLinks.length > 0, now }),
            scores: s, derivedValue: value,
            wsjf: s ? wsjf(s, value) : null, valueForEffort: s ? valueForEffort(s, value) : null,
            stakeholderIds: itemLinks.map((l) => l.stakeholderId),
          };
        }),
      },
    };
  });

export const setDefinitionOfReady = resolver(z.object({ boardId: id, dor: dorSchema }).strict(), async ({ boardId, dor }, { client }) => {
  await authorizeBoard(client, boardId);
  await saveDor(boardId, dor);
  return { data: dor };
});

/** Scores go onto the issue itself (entity property), where Jira users and JQL can see them. */
export const setScores = resolver(z.object({ boardId: id, issueKey, scores: scoresSchema }).strict(), async ({ boardId, issueKey: key, scores }, caller) => {
  const board = await authorizeBoard(caller.client, boardId);
  if (!key.startsWith(`${board.projectKey}-`) || !(await findIssue(caller.client, key, ['id']))) {
    throw new UserError('NOT_FOUND', msg('error.issueNotInProject', { key, project: board.projectKey ?? '' }));
  }
  const projectKey = board.projectKey!;
  const [stakeholders, links] = await Promise.all([listStakeholders(projectKey), listLinks(projectKey)]);
  const byId = new Map(stakeholders.map((s) => [s.id, s]));
  const value = derivedValue(links.filter((l) => l.issueKey === key && l.statedValue !== null && byId.has(l.stakeholderId)).map((l) => ({ value: l.statedValue!, stakeholder: byId.get(l.stakeholderId)! })));
  const stored = { ...(scores as Scores), wsjf: wsjf(scores, value), valueForEffort: valueForEffort(scores, value), updatedBy: caller.accountId, updatedAt: new Date().toISOString() };
  await writeScores(caller.client, key, stored);
  return { data: stored };
});

/** Backlog items in their current rank order, when the site's Rank field is known (else as listed). */
async function freshOrder(caller: Caller, model: BoardModel, items: BacklogItem[]): Promise<BacklogItem[]> {
  const rankField = (await siteFields(caller.client)).rank;
  return rankField ? inCurrentRankOrder(caller.client, model, items, rankField) : items;
}

/** Re-rank the backlog into `order` (after the user confirmed), ≤50 issues a call; partial failures are reported. */
export const applyOrder = resolver(z.object({ boardId: id, order: z.array(issueKey).min(1).max(5000) }).strict(), async ({ boardId, order }, caller) => {
  const board = await authorizeBoard(caller.client, boardId);
  if (new Set(order).size !== order.length) throw new UserError('INVALID_INPUT', msg('error.orderTwice'));
  const foreign = order.filter((k) => !k.startsWith(`${board.projectKey}-`));
  if (foreign.length) throw new UserError('INVALID_INPUT', msg('error.notInProject', { project: board.projectKey ?? '', keys: foreign.slice(0, 5).join(', ') }));
  const model = await getBoardModel(caller.client, board);
  // The anchor must be the top as it is now, not as the search index last saw it (after an earlier apply).
  const top = (await freshOrder(caller, model, (await backlogPage(caller.client, model, null)).items))[0]?.key;
  if (!top) throw new UserError('CONFLICT', msg('error.backlogEmpty'));
  const plan = rankPlan(order, top);
  const failures: RankFailure[] = [];
  for (const step of plan) failures.push(...await rank(caller.client, step));
  return {
    data: { calls: plan.length, moved: order.length - failures.length, failures },
    warnings: failures.length ? [plural(failures.length, 'warning.notMoved', { issues: failures.slice(0, 5).map((f) => `${f.issueKey} (${f.errors.join('; ')})`).join(', ') })] : [],
  };
});

/** Issue panel: this item's readiness, scores and stakeholders, on its project's board. */
export const getIssueRefinement = resolver(z.object({ issueKey }).strict(), async ({ issueKey: key }, caller) => {
  const projectKey = key.slice(0, key.lastIndexOf('-'));
  const board = (await listBoards(caller.client, projectKey))[0];
  if (!board) throw new UserError('NOT_FOUND', msg('error.noBoardFor', { project: projectKey }));
  const authorized = await authorizeBoard(caller.client, board.id);
  const model = await getBoardModel(caller.client, authorized);
  const issue = await findIssue(caller.client, key, ['summary', 'issuetype', 'created', 'updated', 'reporter', 'description', 'parent', 'issuelinks', ...(model.estimation.kind === 'field' ? [model.estimation.fieldId] : [])]);
  if (!issue) throw new UserError('NOT_FOUND', msg('error.issueNotFound', { key }));
  const item = toBacklogItem(issue, model);
  const [dor, velocities, stakeholders, links, scores] = await Promise.all([
    readDor(board.id), recentVelocities(caller, authorized), listStakeholders(projectKey), listLinks(projectKey), readScores(caller.client, [key]),
  ]);
  const mine = links.filter((l) => l.issueKey === key);
  const byId = new Map(stakeholders.map((s) => [s.id, s]));
  const value = derivedValue(mine.filter((l) => l.statedValue !== null && byId.has(l.stakeholderId)).map((l) => ({ value: l.statedValue!, stakeholder: byId.get(l.stakeholderId)! })));
  return {
    data: {
      boardId: board.id, projectKey, item,
      readiness: checkItem(item, dor, { splitAt: effectiveSplitThreshold(dor, velocities), stakeholderLinked: mine.length > 0, now: Date.now() }),
      scores: scores.get(key) ?? null, derivedValue: value,
      stakeholders: mine.map((l) => ({ ...l, name: byId.get(l.stakeholderId)?.name ?? '?' })),
      allStakeholders: stakeholders.map((s) => ({ id: s.id, name: s.name })),
    },
  };
});
