/**
 * Retrospectives in KVS. One key per card, vote, theme, action and score, so people writing at the
 * same time never overwrite each other; a retro is read back with prefix queries (20 keys a page).
 *
 *   retro:{id}                          the retro itself (phase, facilitator, format, …)
 *   retro:{id}:card:{cardId}            a card (author kept here, never sent out for anonymous retros)
 *   retro:{id}:vote:{accountId}:{slot}  one vote; slots 0..budget-1 make the budget race-free
 *   retro:{id}:theme:{themeId}
 *   retro:{id}:action:{actionId}
 *   retro:{id}:safety:{accountId}, retro:{id}:roti:{accountId}, retro:{id}:checkin:{accountId}
 *   retros:{boardId}:{createdAt}:{id}   index of a board's retros
 *   format:{boardId}:{formatId}         a team's own retro format
 */
import { kvs, ForgeKvsAPIError } from '@forge/kvs';
import { queryAll } from './query';
import type { Action, Card, CheckIn, Retro, RetroRecords, Score, Theme, Vote } from '../domain/retro';
import type { RetroFormat } from '../domain/retroFormats';

export interface RetroSummary {
  id: string; sprintId: number; sprintName: string; formatName: string; createdAt: number;
  /** Which format, so a built-in one's name shows in the reader's language (absent on summaries written before). */
  formatId?: string; customFormat?: boolean;
}


const indexKey = (r: Pick<Retro, 'boardId' | 'createdAt' | 'id'>) => `retros:${r.boardId}:${String(r.createdAt).padStart(15, '0')}:${r.id}`;

export async function createRetro(r: Retro): Promise<void> {
  await kvs.set(`retro:${r.id}`, r);
  await kvs.set(indexKey(r), { id: r.id, sprintId: r.sprintId, sprintName: r.sprintName, formatName: r.format.name, formatId: r.format.id, customFormat: !!r.format.custom, createdAt: r.createdAt } satisfies RetroSummary);
}

export const readRetro = (id: string) => kvs.get<Retro>(`retro:${id}`);
export const saveRetro = (r: Retro) => kvs.set(`retro:${r.id}`, r);

/** A board's retros, newest first. */
export async function listRetros(boardId: number): Promise<RetroSummary[]> {
  return (await queryAll<RetroSummary>(`retros:${boardId}:`)).map((x) => x.value).reverse();
}

export async function readRecords(retro: Retro): Promise<RetroRecords> {
  const all = await queryAll<unknown>(`retro:${retro.id}:`);
  const of = <T>(kind: string) => all.filter((x) => x.key.split(':')[2] === kind).map((x) => x.value as T);
  return {
    retro,
    cards: of<Card>('card'),
    votes: all.filter((x) => x.key.split(':')[2] === 'vote').map((x) => x.value as Vote),
    themes: of<Theme>('theme'),
    actions: of<Action>('action'),
    safety: of<Score>('safety'),
    roti: of<Score>('roti'),
    checkins: of<CheckIn>('checkin'),
  };
}

export const readCard = (retroId: string, cardId: string) => kvs.get<Card>(`retro:${retroId}:card:${cardId}`);
export const saveCard = (retroId: string, card: Card) => kvs.set(`retro:${retroId}:card:${card.id}`, card);
/** Delete a card and the votes on it (they go back to their voters' budgets). */
export async function deleteCard(retroId: string, cardId: string): Promise<void> {
  await kvs.delete(`retro:${retroId}:card:${cardId}`);
  const votes = (await queryAll<Vote>(`retro:${retroId}:vote:`)).map((x) => x.value).filter((v) => v.cardId === cardId);
  await Promise.all(votes.map((v) => kvs.delete(voteKey(retroId, v.voterId, v.slot))));
}

/** What KVS answers a `FAIL_IF_EXISTS` write to a key that exists: HTTP 409, code KEY_CONFLICT. */
const isKeyConflict = (e: unknown) =>
  e instanceof ForgeKvsAPIError && e.code === 'KEY_CONFLICT' && e.responseDetails.status === 409;

const voteKey = (retroId: string, voterId: string, slot: number) => `retro:${retroId}:vote:${voterId}:${slot}`;

/**
 * Cast a vote in the first free slot. Each slot is written only if absent, so two votes cast at the
 * same moment can never both take the last slot: the budget holds under concurrency.
 */
export async function castVote(retroId: string, voterId: string, cardId: string, budget: number): Promise<boolean> {
  const taken = new Set((await queryAll<Vote>(`retro:${retroId}:vote:${voterId}:`)).map((x) => x.value.slot));
  for (let slot = 0; slot < budget; slot++) {
    if (taken.has(slot)) continue;
    try {
      await kvs.set(voteKey(retroId, voterId, slot), { voterId, slot, cardId } satisfies Vote, { keyPolicy: 'FAIL_IF_EXISTS' });
      return true;
    } catch (e) {
      // Someone (this voter, in another tab) took the slot first: try the next one. Anything else is a failure.
      if (!isKeyConflict(e)) throw e;
    }
  }
  return false;
}

export async function withdrawVote(retroId: string, voterId: string, cardId: string): Promise<boolean> {
  const mine = (await queryAll<Vote>(`retro:${retroId}:vote:${voterId}:`)).map((x) => x.value).filter((v) => v.cardId === cardId);
  if (!mine.length) return false;
  await kvs.delete(voteKey(retroId, voterId, mine[mine.length - 1].slot));
  return true;
}

export const readTheme = (retroId: string, themeId: string) => kvs.get<Theme>(`retro:${retroId}:theme:${themeId}`);
export const saveTheme = (retroId: string, t: Theme) => kvs.set(`retro:${retroId}:theme:${t.id}`, t);
export const readAction = (retroId: string, id: string) => kvs.get<Action>(`retro:${retroId}:action:${id}`);
export const saveAction = (retroId: string, a: Action) => kvs.set(`retro:${retroId}:action:${a.id}`, a);
export async function readActions(retroId: string): Promise<Action[]> {
  return (await queryAll<Action>(`retro:${retroId}:action:`)).map((x) => x.value);
}
export const saveCheckIn = (retroId: string, c: CheckIn) => kvs.set(`retro:${retroId}:checkin:${c.accountId}`, c);
export const saveScore = (retroId: string, kind: 'safety' | 'roti', s: Score) => kvs.set(`retro:${retroId}:${kind}:${s.accountId}`, s);

export async function customFormats(boardId: number): Promise<RetroFormat[]> {
  return (await queryAll<RetroFormat>(`format:${boardId}:`)).map((x) => x.value);
}
export const saveFormat = (boardId: number, f: RetroFormat) => kvs.set(`format:${boardId}:${f.id}`, f);
