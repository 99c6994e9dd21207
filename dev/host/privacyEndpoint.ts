/**
 * Atlassian's personal data reporting endpoint (`POST /app/report-accounts`), answered locally the way
 * the real one answers `privacy.reportPersonalData` from @forge/api (node_modules/@forge/api/out/privacy):
 * the client sends at most 90 `{ accountId, updatedAt }` a request; the service answers 200 with
 * `{ accounts: [{ accountId, status: 'closed' | 'updated' }] }` for the accounts that need action, or
 * 204 when none do. Tests say which accounts are closed or changed.
 */

/** The most accounts one request may carry (@forge/api privacy LIMIT). */
export const REPORT_BATCH_LIMIT = 90;

export interface ReportedAccount { accountId: string; updatedAt: string }
interface AccountStatus { accountId: string; status: 'closed' | 'updated' }

export class PrivacyEndpoint {
  /** Accounts Atlassian reports as closed: the app must erase their personal data. */
  readonly closedAccounts = new Set<string>();
  /** Accounts whose profile changed, and when: reported as 'updated' to an app holding older data. */
  readonly profileChanges = new Map<string, Date>();
  /** Every accepted request's accounts, in order, so tests can see how the app batched its report. */
  readonly requests: ReportedAccount[][] = [];

  handle(method: string, body: unknown): Response {
    if (method !== 'POST') return json(405, { code: 'METHOD_NOT_ALLOWED', message: 'Use POST' });
    const accounts = (body as { accounts?: unknown })?.accounts;
    const problem = invalidReport(accounts);
    if (problem) return json(400, { code: 'BAD_REQUEST', message: problem });
    const reported = accounts as ReportedAccount[];
    this.requests.push(reported);
    const answers = reported.flatMap(({ accountId, updatedAt }): AccountStatus[] => {
      if (this.closedAccounts.has(accountId)) return [{ accountId, status: 'closed' }];
      const changed = this.profileChanges.get(accountId);
      return changed && changed > new Date(updatedAt) ? [{ accountId, status: 'updated' }] : [];
    });
    return answers.length ? json(200, { accounts: answers }) : new Response(null, { status: 204 });
  }
}

function invalidReport(accounts: unknown): string | null {
  if (!Array.isArray(accounts) || accounts.length === 0) return 'accounts must be a non-empty array';
  if (accounts.length > REPORT_BATCH_LIMIT) return `at most ${REPORT_BATCH_LIMIT} accounts a request`;
  for (const a of accounts as Partial<ReportedAccount>[]) {
    if (typeof a?.accountId !== 'string' || !a.accountId) return 'every account needs an accountId';
    if (typeof a.updatedAt !== 'string' || Number.isNaN(Date.parse(a.updatedAt))) {
      return `account ${a.accountId} needs updatedAt as an ISO 8601 date`;
    }
  }
  return null;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
