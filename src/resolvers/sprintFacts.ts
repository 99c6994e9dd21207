import { z } from 'zod';
import { computeSprintFacts, SprintNotStartedError, type SprintFacts, type SprintModel } from '../domain/sprintFacts';
import { msg, type Message } from '../domain/message';
import { getBoardModel, getSprint, listSprints, type BoardSummary } from '../jira/boards';
import { JiraError, type JiraClient } from '../jira/client';
import { discoverFields, type SiteFields } from '../jira/fields';
import { findIssue } from '../jira/issues';
import { loadSprintData } from '../jira/sprintData';
import { readCachedFacts, writeCachedFacts } from '../store/factsCache';
import { readSiteFields, writeSiteFields } from '../store/siteFieldsCache';
import { authorizeBoard } from './access';
import { id, issueKey, resolver, UserError, type Answer } from './envelope';

async function siteFields(client: JiraClient): Promise<SiteFields> {
  const cached = await readSiteFields();
  if (cached) return cached;
  const fields = await discoverFields(client);
  await writeSiteFields(fields);
  return fields;
}

/** Facts of one sprint of an authorised board: from the cache when closed, else rebuilt from Jira. */
export async function sprintFactsFor(client: JiraClient, board: BoardSummary, sprintId: number, now = Date.now()): Promise<Answer<SprintFacts>> {
  let sprint;
  try {
    sprint = await getSprint(client, board.id, sprintId);
  } catch (e) {
    if (e instanceof JiraError && e.notVisible) throw new UserError('NOT_FOUND', msg('error.sprintNotFound', { sprintId, board: board.name }));
    throw e;
  }
  return factsOfSprint(client, board, sprint, now);
}

/** Facts of a sprint already loaded from this board (no extra Jira call to look it up). */
export async function factsOfSprint(client: JiraClient, board: BoardSummary, sprint: SprintModel, now = Date.now()): Promise<Answer<SprintFacts>> {
  if (sprint.state === 'closed') {
    const cached = await readCachedFacts(sprint.id, board.id);
    if (cached) return { data: cached };
  }
  const [model, fields] = await Promise.all([getBoardModel(client, board), siteFields(client)]);
  const data = await loadSprintData(client, model, sprint, fields);
  let facts: SprintFacts;
  try {
    facts = computeSprintFacts(model, sprint, data.issues, now);
  } catch (e) {
    if (e instanceof SprintNotStartedError) throw new UserError('CONFLICT', msg('error.sprintNotStarted', { sprint: e.sprint.name }));
    throw e;
  }
  if (facts.window.isFinal && data.warnings.length === 0) await writeCachedFacts(facts);
  return { data: facts, warnings: data.warnings };
}

/** Facts of several listed sprints of one board, in order, with every warning collected. */
export async function factsOfSprints(client: JiraClient, board: BoardSummary, sprints: SprintModel[]): Promise<{ facts: SprintFacts[]; warnings: Message[] }> {
  const facts: SprintFacts[] = [];
  const warnings: Message[] = [];
  for (const s of sprints) {
    const answer = await factsOfSprint(client, board, s);
    facts.push(answer.data);
    warnings.push(...(answer.warnings ?? []));
  }
  return { facts, warnings };
}

export const getSprintFacts = resolver(z.object({ boardId: id, sprintId: id }).strict(), async ({ boardId, sprintId }, { client }) => {
  const board = await authorizeBoard(client, boardId);
  return sprintFactsFor(client, board, sprintId);
});

export const getSprints = resolver(z.object({ boardId: id }).strict(), async ({ boardId }, { client }) => {
  const board = await authorizeBoard(client, boardId);
  const sprints = await listSprints(client, board.id);
  return { data: { board, sprints: sprints.reverse() } };
});

/** The issue panel: every sprint the issue is in or finished in, and how it fared there. */
export const getIssueSprints = resolver(z.object({ issueKey }).strict(), async ({ issueKey: key }, { client }) => {
  // Visibility first: nothing is looked up or cached for someone who may not see the issue.
  const issue = await findIssue(client, key, ['*navigable']);
  if (!issue) throw new UserError('NOT_FOUND', msg('error.issueNotFound', { key }));
  const fields = await siteFields(client);
  const sprints = (issue.fields[fields.sprint] ?? []) as { id: number; boardId?: number; state?: string }[];
  const boards = new Map<number, Awaited<ReturnType<typeof authorizeBoard>>>();
  const rows = [];
  const warnings: Message[] = [];
  for (const s of sprints.filter((x) => x.state !== 'future' && x.boardId)) {
    if (!boards.has(s.boardId!)) boards.set(s.boardId!, await authorizeBoard(client, s.boardId!));
    const answer = await sprintFactsFor(client, boards.get(s.boardId!)!, s.id);
    warnings.push(...(answer.warnings ?? []));
    const row = answer.data.issues.find((f) => f.key === key);
    if (row) rows.push({ sprint: answer.data.sprint, unit: answer.data.unit, issue: row });
  }
  return { data: { issueKey: key, sprints: rows }, warnings };
});
