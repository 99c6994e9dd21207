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
 * Every save of a record with an account id first notes it in the account index (accountIndex.ts).
 */
import { kvs } from '@forge/kvs';
import { queryAll } from './query';
import { isKeyConflict } from './conflict';
import { isPseudonym, rememberAccounts, retroPlace } from './accountIndex';
import type { Action, Card, CheckIn, Retro, RetroRecords, Score, Theme, Vote } from '../domain/retro';
import type { RetroFormat } from '../domain/retroFormats';

export interface RetroSummary {
  id: string; sprintId: number; sprintName: string; formatName: string; createdAt: number;
  /** Which format, so a built-in one's name shows in the reader's language (absent on summaries written before). */
  formatId?: string; customFormat?: boolean;
}


const indexKey = (r: Pick<Retro, 'boardId' | 'createdAt' | 'id'>) => `retros:${r.boardId}:${String(r.createdAt).padStart(15, '0')}:${r.id}`;

const remember = (retroId: string, ...accountIds: (string | null)[]) =>
  rememberAccounts(retroPlace(retroId), accountIds);

export async function createRetro(r: Retro): Promise<void> {
  await remember(r.id, r.facilitatorId, r.createdBy);
  await kvs.set(`retro:${r.id}`, r);
  await kvs.set(indexKey(r), { id: r.id, sprintId: r.sprintId, sprintName: r.sprintName, formatName: r.format.name, formatId: r.format.id, customFormat: !!r.format.custom, createdAt: r.createdAt } satisfies RetroSummary);
}

export const readRetro = (id: string) => kvs.get<Retro>(`retro:${id}`);
export async function saveRetro(r: Retro): Promise<void> {
  await remember(r.id, r.facilitatorId, r.createdBy);
  await kvs.set(`retro:${r.id}`, r);
}

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
export async function saveCard(retroId: string, card: Card): Promise<void> {
  await remember(retroId, card.authorId);
  await kvs.set(`retro:${retroId}:card:${card.id}`, card);
}
/** Delete a card and the votes on it (they go back to their voters' budgets). */
export async function deleteCard(retroId: string, cardId: string): Promise<void> {
  await kvs.delete(`retro:${retroId}:card:${cardId}`);
  const votes = (await queryAll<Vote>(`retro:${retroId}:vote:`)).map((x) => x.value).filter((v) => v.cardId === cardId);
  await Promise.all(votes.map((v) => kvs.delete(voteKey(retroId, v.voterId, v.slot))));
}

const voteKey = (retroId: string, voterId: string, slot: number) => `retro:${retroId}:vote:${voterId}:${slot}`;

/**
 * Cast a vote in the first free slot. Each slot is written only if absent, so two votes cast at the
 * same moment can never both take the last slot: the budget holds under concurrency.
 */
export async function castVote(retroId: string, voterId: string, cardId: string, budget: number): Promise<boolean> {
  await remember(retroId, voterId);
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
export async function saveAction(retroId: string, a: Action): Promise<void> {
  await remember(retroId, a.ownerId);
  await kvs.set(`retro:${retroId}:action:${a.id}`, a);
}
export async function readActions(retroId: string): Promise<Action[]> {
  return (await queryAll<Action>(`retro:${retroId}:action:`)).map((x) => x.value);
}
export async function saveCheckIn(retroId: string, c: CheckIn): Promise<void> {
  await remember(retroId, c.accountId);
  await kvs.set(`retro:${retroId}:checkin:${c.accountId}`, c);
}
export async function saveScore(retroId: string, kind: 'safety' | 'roti', s: Score): Promise<void> {
  await remember(retroId, s.accountId);
  await kvs.set(`retro:${retroId}:${kind}:${s.accountId}`, s);
}

export async function customFormats(boardId: number): Promise<RetroFormat[]> {
  return (await queryAll<RetroFormat>(`format:${boardId}:`)).map((x) => x.value);
}
export const saveFormat = (boardId: number, f: RetroFormat) => kvs.set(`format:${boardId}:${f.id}`, f);

/**
 * Remove a closed account from a retro while keeping the retro usable: its cards, votes, scores and
 * check-in stay (so tallies and distributions still add up) under `pseudonym`, which no one can trace
 * back; actions it owned become unowned; facilitation passes to the retro's creator or another
 * participant. Safe to repeat with the same pseudonym: a second run finds nothing left to change.
 */
export async function eraseAccountFromRetro(retroId: string, accountId: string, pseudonym: string): Promise<void> {
  const records = await queryAll<unknown>(`retro:${retroId}:`);
  for (const { key, value } of records) {
    const kind = key.split(':')[2];
    if (kind === 'card' && (value as Card).authorId === accountId) {
      await kvs.set(key, { ...(value as Card), authorId: pseudonym });
    } else if (kind === 'action' && (value as Action).ownerId === accountId) {
      await kvs.set(key, { ...(value as Action), ownerId: null });
    } else if (kind === 'vote' && (value as Vote).voterId === accountId) {
      const vote = value as Vote;
      await kvs.set(voteKey(retroId, pseudonym, vote.slot), { ...vote, voterId: pseudonym });
      await kvs.delete(key);
    } else if (PERSONAL_KINDS.includes(kind) && (value as Score | CheckIn).accountId === accountId) {
      // Write the new key before dropping the old: an interrupted run leaves a copy, never a loss.
      await kvs.set(`retro:${retroId}:${kind}:${pseudonym}`, { ...(value as Score | CheckIn), accountId: pseudonym });
      await kvs.delete(key);
    }
  }
  const retro = await readRetro(retroId);
  if (!retro || (retro.facilitatorId !== accountId && retro.createdBy !== accountId)) return;
  const createdBy = retro.createdBy === accountId ? pseudonym : retro.createdBy;
  const facilitatorId = retro.facilitatorId === accountId
    ? successorOf(retro, records, accountId, pseudonym)
    : retro.facilitatorId;
  await saveRetro({ ...retro, createdBy, facilitatorId });
}

/** Records keyed by the person they belong to (besides votes, which also carry a slot). */
const PERSONAL_KINDS = ['safety', 'roti', 'checkin'];

/** Who facilitates once the facilitator is gone: the creator, else the first other participant, else nobody real. */
function successorOf(retro: Retro, records: { key: string; value: unknown }[], gone: string, pseudonym: string) {
  const participantOf = ({ key, value }: { key: string; value: unknown }) => {
    const kind = key.split(':')[2];
    if (kind === 'card') return (value as Card).authorId;
    if (kind === 'vote') return (value as Vote).voterId;
    return PERSONAL_KINDS.includes(kind) ? (value as Score | CheckIn).accountId : null;
  };
  const candidates = [retro.createdBy, ...records.map(participantOf)];
  return candidates.find((id): id is string => !!id && id !== gone && !isPseudonym(id)) ?? pseudonym;
}
