import { msg } from '../domain/message';
import { getBoard, type BoardSummary } from '../jira/boards';
import { JiraError, type JiraClient } from '../jira/client';
import { canBrowseProject } from '../jira/permissions';
import { UserError } from './envelope';

/**
 * The caller may use a board when Jira shows it to them *and* they may browse its project.
 * Both questions go to Jira as the caller, so Jira's own permission scheme decides.
 */
export async function authorizeBoard(client: JiraClient, boardId: number): Promise<BoardSummary> {
  let board: BoardSummary;
  try {
    board = await getBoard(client, boardId);
  } catch (e) {
    if (e instanceof JiraError && e.notVisible) throw new UserError('NOT_FOUND', msg('error.boardNotFound', { boardId }));
    throw e;
  }
  if (!board.projectKey || !(await canBrowseProject(client, board.projectKey))) {
    throw new UserError('FORBIDDEN', board.projectKey ? msg('error.browseProject', { project: board.projectKey, board: board.name }) : msg('error.browseTheProject', { board: board.name }));
  }
  return board;
}
