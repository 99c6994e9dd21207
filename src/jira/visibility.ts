/**
 * Which issues a person may see, asked of Jira as them. Data loaded once as the app (shared by every
 * viewer) passes through here before it reaches anyone, so issue security levels and project
 * permissions decide per person — Jira's own rules, not a copy of them.
 */
import { msg } from '../domain/message';
import type { JiraClient } from './client';
import { ID_PAGE, searchIssues } from './sprintData';

/**
 * Ids per search: `id in (…)` with 500 ids is about 4 KB of JQL — a small request body, far from
 * any JQL limit — and its answer is one id-only page.
 */
export const VISIBILITY_CHUNK = 500;

export interface Visibility {
  /** The given ids the user may see; ids of deleted or hidden issues drop out. */
  visible: Set<string>;
  /** Issues the user sees in the given sprints that the given ids lack: the loader could not see them. */
  missing: string[];
}

const isIssueId = (id: string) => /^[1-9][0-9]{0,17}$/.test(id);

/**
 * One id-only search per 500 ids, as the user. The first one also asks for the sprints' own issues,
 * so an issue the app's account may not see (a security level it is not in) shows up as missing
 * instead of silently dropping out of everyone's facts.
 */
export async function issueVisibility(
  client: JiraClient, issueIds: Iterable<string>, sprintIds: number[],
): Promise<Visibility> {
  // Asked as the app, the answer would be the app's visibility: exactly the leak this guards against.
  if (client.identity !== 'user') throw new Error('Issue visibility must be asked as the user');
  const ids = [...new Set(issueIds)];
  // Ids come from Jira, but they are spliced into JQL: only plain numbers may pass.
  const bad = ids.find((id) => !isIssueId(id));
  if (bad !== undefined) throw new Error(`Not a Jira issue id: ${JSON.stringify(bad)}`);
  if (!sprintIds.every((id) => Number.isSafeInteger(id) && id > 0)) throw new Error('Not Jira sprint ids');
  const known = new Set(ids);
  const visible = new Set<string>();
  const missing = new Set<string>();
  const chunks = Math.max(1, Math.ceil(ids.length / VISIBILITY_CHUNK));
  for (let n = 0; n < chunks; n++) {
    const chunk = ids.slice(n * VISIBILITY_CHUNK, (n + 1) * VISIBILITY_CHUNK);
    const clauses = [
      ...(chunk.length ? [`id in (${chunk.join(',')})`] : []),
      ...(n === 0 && sprintIds.length ? [`sprint in (${sprintIds.join(',')})`] : []),
    ];
    if (!clauses.length) break;
    const what = msg('jira.what.visibleIssues', { n: chunk.length });
    for (const issue of await searchIssues(client, what, clauses.join(' OR '), ['id'], ID_PAGE)) {
      (known.has(issue.id) ? visible : missing).add(issue.id);
    }
  }
  return { visible, missing: [...missing] };
}
