/**
 * Personal data reporting (Atlassian's privacy API): every week, tell Atlassian which accounts the app
 * stores data of, and erase what it holds of accounts Atlassian reports closed. Run by a scheduled trigger.
 */
import { privacy } from '@forge/api';
import { kvs } from '@forge/kvs';
import {
  forgetPlace, indexedAccounts, newPseudonym, parsePlace, placesOf, touchAccount,
} from '../store/accountIndex';
import { eraseAccountFromRetro } from '../store/retroStore';
import { eraseAccountFromStakeholders } from '../store/stakeholderStore';
import { dropClosedSprintInputs } from '../store/closedSprintCache';
import { isKeyConflict } from '../store/conflict';

/** Accounts per request: the most the endpoint takes (@forge/api privacy LIMIT). */
export const REPORT_BATCH_SIZE = 90;

export interface ReportOutcome { reported: number; closed: number; updated: number }

/**
 * Report every indexed account, one batch of 90 at a time (reportPersonalData would send all batches at
 * once; one at a time keeps the job inside the storage rate limits and lets each batch's closures be
 * erased before the next request). Safe to run again: erased accounts leave the index, so a later run
 * neither reports nor erases them twice; a run cut short resumes where the index says.
 */
export async function reportPersonalData(): Promise<ReportOutcome> {
  const accounts = await indexedAccounts();
  const outcome: ReportOutcome = { reported: 0, closed: 0, updated: 0 };
  for (let i = 0; i < accounts.length; i += REPORT_BATCH_SIZE) {
    const batch = accounts.slice(i, i + REPORT_BATCH_SIZE);
    const answers = await privacy.reportPersonalData(batch);
    outcome.reported += batch.length;
    for (const { accountId, status } of answers) {
      if (status === 'closed') {
        await eraseAccount(accountId);
        outcome.closed++;
      } else if (status === 'updated') {
        // The app keeps no copy of profile data (names are read live from Jira): nothing to refresh
        // but the date Atlassian compares against.
        await touchAccount(accountId);
        outcome.updated++;
      }
    }
  }
  return outcome;
}

/** Erase or anonymise everything the app holds of a closed account, place by place, then its index entries. */
export async function eraseAccount(accountId: string): Promise<void> {
  const pseudonym = await pseudonymFor(accountId);
  for (const entry of await placesOf(accountId)) {
    const place = parsePlace(entry.place);
    if (place.kind === 'retro') await eraseAccountFromRetro(place.retroId, accountId, pseudonym);
    else if (place.kind === 'stakeholders') await eraseAccountFromStakeholders(place.projectKey, accountId);
    else await dropClosedSprintInputs(place.sprintId);
    // Only once a place is clean does it leave the index: a run cut short finds it again next time.
    await forgetPlace(accountId, entry.place);
  }
  await kvs.delete(erasureKey(accountId));
}

/**
 * One pseudonym per erasure, kept until the erasure completes, so a run cut short and its re-run file
 * the person's votes and scores under the same stand-in. Claimed with FAIL_IF_EXISTS: two runs at once
 * agree on the first one's pseudonym.
 */
async function pseudonymFor(accountId: string): Promise<string> {
  const fresh = newPseudonym();
  try {
    await kvs.set(erasureKey(accountId), fresh, { keyPolicy: 'FAIL_IF_EXISTS' });
    return fresh;
  } catch (e) {
    if (!isKeyConflict(e)) throw e;
    const claimed = await kvs.get<string>(erasureKey(accountId));
    if (!claimed) throw new Error('An erasure finished while this one started; run the job again');
    return claimed;
  }
}

/** Outside the index prefix (pd:) so reporting never lists it. */
const erasureKey = (accountId: string) => `pd-erasure:${accountId}`;
