import { z } from 'zod';
import {
  computeSprintFacts, SprintNotStartedError, type BoardModel, type IssueInput, type SprintFacts, type SprintModel,
} from '../domain/sprintFacts';
import { msg, plural, type Message } from '../domain/message';
import { getBoardModel, getSprint, listSprints, type BoardSummary } from '../jira/boards';
import { JiraError, type JiraClient } from '../jira/client';
import { discoverFields, type SiteFields } from '../jira/fields';
import { findIssue } from '../jira/issues';
import { loadSprintData } from '../jira/sprintData';
import { issueVisibility } from '../jira/visibility';
import { readClosedSprintInputs, writeClosedSprintInputs, type ClosedSprintInputs } from '../store/closedSprintCache';
import { readSiteFields, writeSiteFields } from '../store/siteFieldsCache';
import { authorizeBoard } from './access';
import { id, issueKey, resolver, UserError, type Answer } from './envelope';

export async function siteFields(client: JiraClient): Promise<SiteFields> {
  const cached = await readSiteFields();
  // Kept before the Rank field was discovered too: look again.
  if (cached && cached.rank !== undefined) return cached;
  const fields = await discoverFields(client);
  await writeSiteFields(fields);
  return fields;
}

/** Facts of one sprint of an authorised board: closed ones from cached inputs, others rebuilt from Jira. */
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
  const { facts, warnings } = await factsOfSprints(client, board, [sprint], now);
  return { data: facts[0], warnings };
}

/** A closed sprint with an end: its issues and their history no longer change. */
const isFinished = (sprint: SprintModel) => sprint.state === 'closed' && !!sprint.completeDate;

/**
 * How long after a sprint completes its data may still be on its way into Jira's search index, which
 * the sprint's issue list and searches read. Jira documents the lag ("recent updates might not be
 * immediately visible", longer after ranking) but no bound; the issues moved on completion are the
 * last writes. Ten minutes is this app's margin: until then the facts are computed but not kept.
 */
export const INDEX_SETTLE_MS = 10 * 60_000;
const hasSettled = (sprint: SprintModel, now: number) => now - Date.parse(sprint.completeDate ?? '') >= INDEX_SETTLE_MS;

function compute(board: BoardModel, sprint: SprintModel, issues: IssueInput[], now: number): SprintFacts {
  try {
    return computeSprintFacts(board, sprint, issues, now);
  } catch (e) {
    if (e instanceof SprintNotStartedError) throw new UserError('CONFLICT', msg('error.sprintNotStarted', { sprint: e.sprint.name }));
    throw e;
  }
}

/**
 * The inputs of a closed sprint, the same for every viewer: from KVS, else loaded once and kept.
 * Loaded as the app, so they do not depend on who opened the sprint first; nobody reads them
 * unfiltered — factsOfSprints cuts them to what Jira shows the caller.
 */
async function closedSprintInputs(
  client: JiraClient, board: BoardSummary, sprint: SprintModel, now: number,
): Promise<{ inputs: ClosedSprintInputs; warnings: Message[] }> {
  const cached = await readClosedSprintInputs(sprint.id, board.id);
  if (cached) return { inputs: cached, warnings: [] };
  const app = client.asApp();
  const [model, fields] = await Promise.all([getBoardModel(app, board), siteFields(app)]);
  const data = await loadSprintData(app, model, sprint, fields);
  const inputs = { board: model, issues: data.issues };
  if (data.warnings.length === 0 && hasSettled(sprint, now)) await writeClosedSprintInputs(sprint.id, inputs);
  return { inputs, warnings: data.warnings };
}

/**
 * Facts loaded as the caller, so Jira filters them, and never cached: for the active sprint (or one
 * not started), and for closed ones when the app's account cannot see all the caller sees.
 */
async function factsAsCaller(
  client: JiraClient, board: BoardSummary, sprint: SprintModel, now: number,
): Promise<Answer<SprintFacts>> {
  const [model, fields] = await Promise.all([getBoardModel(client, board), siteFields(client)]);
  const data = await loadSprintData(client, model, sprint, fields);
  return { data: compute(model, sprint, data.issues, now), warnings: data.warnings };
}

/**
 * Facts of several listed sprints of one authorised board, in order, with every warning collected.
 * Closed sprints cost, once warm, only the visibility searches: one per 500 of their issues, asked as
 * the caller for all of them together, so each person's facts hold only issues Jira shows them.
 * Should the caller see issues in those sprints that the app's account could not (a security level
 * the app is not in), the shared inputs are short for them: their closed sprints are then loaded as
 * the caller, like an open one, and say so.
 */
export async function factsOfSprints(
  client: JiraClient, board: BoardSummary, sprints: SprintModel[], now = Date.now(),
): Promise<{ facts: SprintFacts[]; warnings: Message[] }> {
  const closed = new Map<number, { inputs: ClosedSprintInputs; warnings: Message[] }>();
  for (const s of sprints.filter(isFinished)) closed.set(s.id, await closedSprintInputs(client, board, s, now));
  const closedIssueIds = [...closed.values()].flatMap((c) => c.inputs.issues.map((i) => i.id));
  const { visible, missing } = closed.size
    ? await issueVisibility(client, closedIssueIds, [...closed.keys()])
    : { visible: new Set<string>(), missing: [] };

  const facts: SprintFacts[] = [];
  const warnings: Message[] = missing.length ? [plural(missing.length, 'warning.appCannotSee')] : [];
  for (const s of sprints) {
    const shared = missing.length ? undefined : closed.get(s.id);
    if (shared) {
      facts.push(compute(shared.inputs.board, s, shared.inputs.issues.filter((i) => visible.has(i.id)), now));
      warnings.push(...shared.warnings);
    } else {
      const answer = await factsAsCaller(client, board, s, now);
      facts.push(answer.data);
      warnings.push(...(answer.warnings ?? []));
    }
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
