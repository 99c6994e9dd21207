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

/** The subset of `issueIds` that the client's user may see; ids of deleted or hidden issues drop out. */
export async function visibleIssueIds(client: JiraClient, issueIds: Iterable<string>): Promise<Set<string>> {
  // Asked as the app, the answer would be the app's visibility: exactly the leak this guards against.
  if (client.identity !== 'user') throw new Error('Issue visibility must be asked as the user');
  const ids = [...new Set(issueIds)];
  // Ids come from Jira, but they are spliced into JQL: only plain numbers may pass.
  const bad = ids.find((id) => !/^[1-9][0-9]{0,17}$/.test(id));
  if (bad !== undefined) throw new Error(`Not a Jira issue id: ${JSON.stringify(bad)}`);
  const visible = new Set<string>();
  for (let i = 0; i < ids.length; i += VISIBILITY_CHUNK) {
    const chunk = ids.slice(i, i + VISIBILITY_CHUNK);
    const what = msg('jira.what.visibleIssues', { n: chunk.length });
    const found = await searchIssues(client, what, `id in (${chunk.join(',')})`, ['id'], ID_PAGE);
    for (const issue of found) visible.add(issue.id);
  }
  return visible;
}
