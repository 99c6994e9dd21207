/**
 * Which Atlassian accounts the app keeps personal data of, and where — for personal data reporting.
 *
 *   pd:{accountId}:{place}    { accountId, place, updatedAt }
 *
 * A place is `retro:{retroId}`, `stakeholders:{projectKey}` or `facts:{sprintId}`. The store functions
 * that save a record with an account id write its entry first, so no record is ever stored unindexed.
 *
 * Why an index rather than a scan at report time: a scan would read every card, vote and score of every
 * retro every week, while the index lets the report read only the index and lets erasure touch only the
 * retros and projects a person appears in. Why one key per account and place: each save writes its own
 * key with a plain set, so concurrent saves never lose each other's entries (no shared list to
 * read-modify-write). An entry may outlive its records (a deleted card); that only means one account
 * reported or one retro searched in vain, never personal data left behind.
 */
import { randomUUID } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { queryAll } from './query';

export interface AccountEntry { accountId: string; place: string; updatedAt: string }

const PREFIX = 'pd:';
const entryKey = (accountId: string, place: string) => `${PREFIX}${accountId}:${place}`;

/** Where personal data lives, as index places. */
export const retroPlace = (retroId: string) => `retro:${retroId}`;
export const stakeholdersPlace = (projectKey: string) => `stakeholders:${projectKey}`;
export const factsPlace = (sprintId: number) => `facts:${sprintId}`;

export type Place =
  | { kind: 'retro'; retroId: string }
  | { kind: 'stakeholders'; projectKey: string }
  | { kind: 'facts'; sprintId: number };

export function parsePlace(place: string): Place {
  const [kind, ...rest] = place.split(':');
  const id = rest.join(':');
  if (kind === 'retro' && id) return { kind, retroId: id };
  if (kind === 'stakeholders' && id) return { kind, projectKey: id };
  if (kind === 'facts' && /^\d+$/.test(id)) return { kind, sprintId: Number(id) };
  throw new Error(`Unknown personal data place ${place}`);
}

/** Ids that stand in for an erased account: not Atlassian accounts, so never indexed or reported. */
export const PSEUDONYM_PREFIX = 'erased-';
export const isPseudonym = (id: string) => id.startsWith(PSEUDONYM_PREFIX);
export const newPseudonym = () => `${PSEUDONYM_PREFIX}${randomUUID()}`;

/** Note that `place` holds personal data of these accounts (nulls and pseudonyms are skipped). */
export async function rememberAccounts(place: string, accountIds: (string | null | undefined)[]): Promise<void> {
  const ids = new Set(accountIds.filter((id): id is string => !!id && !isPseudonym(id)));
  const updatedAt = new Date().toISOString();
  await Promise.all([...ids].map((accountId) =>
    kvs.set(entryKey(accountId, place), { accountId, place, updatedAt } satisfies AccountEntry)));
}

/** Every indexed account with the latest time the app stored its data (what Atlassian asks as updatedAt). */
export async function indexedAccounts(): Promise<{ accountId: string; updatedAt: string }[]> {
  const latest = new Map<string, string>();
  for (const { value } of await queryAll<AccountEntry>(PREFIX)) {
    const seen = latest.get(value.accountId);
    if (!seen || value.updatedAt > seen) latest.set(value.accountId, value.updatedAt);
  }
  return [...latest].map(([accountId, updatedAt]) => ({ accountId, updatedAt }));
}

/** The places that hold this account's data. */
export async function placesOf(accountId: string): Promise<AccountEntry[]> {
  // The prefix also matches longer ids that start with this one and a colon: keep exact matches only.
  const entries = await queryAll<AccountEntry>(`${PREFIX}${accountId}:`);
  return entries.map((x) => x.value).filter((e) => e.accountId === accountId);
}

export const forgetPlace = (accountId: string, place: string) => kvs.delete(entryKey(accountId, place));

/** The app has seen the account's current profile: its entries count as up to date from now. */
export async function touchAccount(accountId: string): Promise<void> {
  const places = await placesOf(accountId);
  const updatedAt = new Date().toISOString();
  await Promise.all(places.map((e) =>
    kvs.set(entryKey(accountId, e.place), { ...e, updatedAt } satisfies AccountEntry)));
}
