/**
 * Closed sprints never change, so their facts are computed once and kept in KVS, keyed by the
 * computation's version (a new definition recomputes). Large reports are split into parts under
 * the 240 KiB value limit; the head key is written last so a reader never sees half a report.
 */
import { kvs } from '@forge/kvs';
import { SPRINT_FACTS_VERSION, type SprintFacts } from '../domain/sprintFacts';
import { factsPlace, rememberAccounts } from './accountIndex';
import { queryAll } from './query';

/** Characters per part: even at 6 bytes a character (\uXXXX escapes) a part stays under 240 KiB. */
const PART_CHARS = 40_000;
const headKey = (sprintId: number) => `facts:v${SPRINT_FACTS_VERSION}:sprint:${sprintId}`;
const partKey = (sprintId: number, n: number) => `${headKey(sprintId)}:part:${n}`;

interface Head { parts: number; boardId: number; cachedAt: number }

export async function readCachedFacts(sprintId: number, boardId: number): Promise<SprintFacts | null> {
  const head = await kvs.get<Head>(headKey(sprintId));
  if (!head || head.boardId !== boardId) return null;
  const parts = await Promise.all(Array.from({ length: head.parts }, (_, n) => kvs.get<string>(partKey(sprintId, n))));
  if (parts.some((p) => typeof p !== 'string')) return null;
  return JSON.parse(parts.join('')) as SprintFacts;
}

export async function writeCachedFacts(facts: SprintFacts): Promise<void> {
  if (!facts.window.isFinal) throw new Error('Only facts of closed sprints may be cached');
  const json = JSON.stringify(facts);
  const parts: string[] = [];
  for (let i = 0; i < json.length; i += PART_CHARS) parts.push(json.slice(i, i + PART_CHARS));
  // Issues carry their reporters' account ids: index them before they are stored.
  await rememberAccounts(factsPlace(facts.sprint.id), facts.issues.map((i) => i.reporterId));
  await Promise.all(parts.map((p, n) => kvs.set(partKey(facts.sprint.id, n), p)));
  await kvs.set(headKey(facts.sprint.id), { parts: parts.length, boardId: facts.board.id, cachedAt: Date.now() } satisfies Head);
}

/**
 * Forget a sprint's cached facts (they hold a closed account's id as a reporter). The head goes first, so
 * readers see a miss and recompute from Jira, which by then shows the account anonymised.
 */
export async function dropCachedFacts(sprintId: number): Promise<void> {
  await kvs.delete(headKey(sprintId));
  const parts = await queryAll<string>(`${headKey(sprintId)}:part:`);
  await Promise.all(parts.map((p) => kvs.delete(p.key)));
}
