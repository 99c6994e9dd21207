import { route } from '@forge/api';
import type { BoardModel, SprintModel } from '../domain/sprintFacts';
import { msg } from '../domain/message';
import { JiraError, jsonBody, type JiraClient } from './client';
import type { JiraBoard, JiraBoardConfiguration, JiraSprint, PagedValues } from './types';

export interface BoardSummary {
  id: number;
  name: string;
  projectKey: string | null;
  projectName: string | null;
}

const summary = (b: JiraBoard): BoardSummary => ({
  id: b.id, name: b.name, projectKey: b.location?.projectKey ?? null, projectName: b.location?.projectName ?? null,
});

/** Scrum boards the user can see, optionally for one project. */
export async function listBoards(client: JiraClient, projectKey?: string): Promise<BoardSummary[]> {
  const out: BoardSummary[] = [];
  for (let startAt = 0; ; ) {
    const params = new URLSearchParams({ type: 'scrum', startAt: String(startAt), maxResults: '50' });
    if (projectKey) params.set('projectKeyOrId', projectKey);
    const page = await jsonBody<PagedValues<JiraBoard>>(
      client.requestJira(route`/rest/agile/1.0/board?${params}`, { what: msg('jira.what.boards') }),
    );
    out.push(...page.values.map(summary));
    if (page.isLast !== false || page.values.length === 0) return out;
    startAt += page.values.length;
  }
}

export async function getBoard(client: JiraClient, boardId: number): Promise<BoardSummary> {
  const board = await jsonBody<JiraBoard>(
    client.requestJira(route`/rest/agile/1.0/board/${boardId}`, { what: msg('jira.what.board', { boardId }) }),
  );
  return summary(board);
}

/** Board columns and estimation, the inputs that decide "done" and "how much". */
export async function getBoardModel(client: JiraClient, board: BoardSummary): Promise<BoardModel> {
  const config = await jsonBody<JiraBoardConfiguration>(
    client.requestJira(route`/rest/agile/1.0/board/${board.id}/configuration`, {
      what: msg('jira.what.boardConfig', { boardId: board.id }),
    }),
  );
  const est = config.estimation;
  return {
    id: board.id,
    name: board.name,
    projectKey: board.projectKey ?? (config.location?.type === 'project' ? config.location.projectKeyOrId ?? '' : ''),
    estimation: est?.type === 'field' && est.field
      ? { kind: 'field', fieldId: est.field.fieldId, label: est.field.displayName }
      : { kind: 'issueCount' },
    columns: config.columnConfig.columns
      .map((c) => ({ name: c.name, statusIds: c.statuses.map((s) => s.id) }))
      .filter((c) => c.statusIds.length > 0),
  };
}

const sprintModel = (s: JiraSprint): SprintModel => ({
  id: s.id, name: s.name, state: s.state, goal: s.goal ?? '',
  ...(s.startDate ? { startDate: s.startDate } : {}),
  ...(s.endDate ? { endDate: s.endDate } : {}),
  ...(s.completeDate ? { completeDate: s.completeDate } : {}),
});

/** A sprint made on this board: Jira says which board a sprint belongs to with originBoardId. */
const isOwnSprint = (s: JiraSprint, boardId: number) => s.originBoardId === undefined || s.originBoardId === boardId;

/**
 * The board's own sprints, in Jira's order. Jira also lists every sprint of another board that holds
 * an issue this board's filter shows; those are left out: their facts belong to the other board's
 * columns and estimate, and getSprint would refuse them here anyway.
 */
export async function listSprints(client: JiraClient, boardId: number, states = 'active,closed'): Promise<SprintModel[]> {
  const out: SprintModel[] = [];
  for (let startAt = 0; ; ) {
    const params = new URLSearchParams({ state: states, startAt: String(startAt), maxResults: '50' });
    const page = await jsonBody<PagedValues<JiraSprint>>(
      client.requestJira(route`/rest/agile/1.0/board/${boardId}/sprint?${params}`, {
        what: msg('jira.what.sprints', { boardId }),
      }),
    );
    out.push(...page.values.filter((s) => isOwnSprint(s, boardId)).map(sprintModel));
    if (page.isLast !== false || page.values.length === 0) return out;
    startAt += page.values.length;
  }
}

/** A sprint of this board; a sprint of another board is "not found", never silently served. */
export async function getSprint(client: JiraClient, boardId: number, sprintId: number): Promise<SprintModel> {
  const s = await jsonBody<JiraSprint>(
    client.requestJira(route`/rest/agile/1.0/sprint/${sprintId}`, { what: msg('jira.what.sprint', { sprintId }) }),
  );
  if (!isOwnSprint(s, boardId)) {
    throw new JiraError(msg('jira.what.sprint', { sprintId }), 404, msg('jira.error.otherBoard', { boardId }));
  }
  return sprintModel(s);
}
