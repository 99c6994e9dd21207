/**
 * Closed sprints never change, so the *inputs* of their facts — the board model and every issue
 * reconstructed from Jira, loaded as the app — are kept in KVS, keyed by the loader's version.
 * No person's view is cached: facts are computed per request from the inputs that person may see.
 * Large sprints are split into parts under the 240 KiB value limit; the head key is written last so
 * a reader never sees half a sprint.
 */
import { kvs } from '@forge/kvs';
import type { BoardModel, IssueInput } from '../domain/sprintFacts';
import { SPRINT_DATA_VERSION } from '../jira/sprintData';
import { factsPlace, rememberAccounts } from './accountIndex';
import { queryAll } from './query';

/** Characters per part: even at 6 bytes a character (\uXXXX escapes) a part stays under 240 KiB. */
const PART_CHARS = 40_000;
const headKey = (sprintId: number) => `sprint-inputs:v${SPRINT_DATA_VERSION}:sprint:${sprintId}`;
const partKey = (sprintId: number, n: number) => `${headKey(sprintId)}:part:${n}`;

interface Head { parts: number; boardId: number; cachedAt: number }

/** Everything computeSprintFacts needs besides the sprint, as the app's account saw it. */
export interface ClosedSprintInputs {
  board: BoardModel;
  issues: IssueInput[];
}

export async function readClosedSprintInputs(sprintId: number, boardId: number): Promise<ClosedSprintInputs | null> {
  const head = await kvs.get<Head>(headKey(sprintId));
  if (!head || head.boardId !== boardId) return null;
  const parts = await Promise.all(Array.from({ length: head.parts }, (_, n) => kvs.get<string>(partKey(sprintId, n))));
  if (parts.some((p) => typeof p !== 'string')) return null;
  try {
    return JSON.parse(parts.join('')) as ClosedSprintInputs;
  } catch {
    return null; // parts of two racing writers that disagree: load again rather than fail
  }
}

/** Only for a closed sprint whose data loaded without warnings: a partial load must not be kept. */
export async function writeClosedSprintInputs(sprintId: number, inputs: ClosedSprintInputs): Promise<void> {
  const json = JSON.stringify(inputs);
  const parts: string[] = [];
  for (let i = 0; i < json.length; i += PART_CHARS) parts.push(json.slice(i, i + PART_CHARS));
  // Issues carry their reporters' account ids: index them before they are stored.
  await rememberAccounts(factsPlace(sprintId), inputs.issues.map((i) => i.reporterId));
  await Promise.all(parts.map((p, n) => kvs.set(partKey(sprintId, n), p)));
  const head: Head = { parts: parts.length, boardId: inputs.board.id, cachedAt: Date.now() };
  await kvs.set(headKey(sprintId), head);
}

/**
 * Forget a sprint's cached inputs (they hold a closed account's id as a reporter). The head goes first,
 * so readers see a miss and load again from Jira, which by then shows the account anonymised.
 */
export async function dropClosedSprintInputs(sprintId: number): Promise<void> {
  await kvs.delete(headKey(sprintId));
  const parts = await queryAll<string>(`${headKey(sprintId)}:part:`);
  await Promise.all(parts.map((p) => kvs.delete(p.key)));
}
