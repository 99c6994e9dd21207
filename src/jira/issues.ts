/**
 * Issues looked up by key or id. Not with JQL: /search/jql validates strictly, so one key that no
 * longer exists (deleted, moved, hidden from this person) fails the whole query with a 400. Bulk
 * fetch answers the ones it can find and leaves the others out, and reads Jira's database rather
 * than its search index, so it also sees what was just written.
 */
import { route } from '@forge/api';
import { msg, type Message } from '../domain/message';
import { jsonBody, type JiraClient } from './client';
import type { JiraIssue } from './types';

/** Jira's limit per bulk fetch ("You can request up to 100 issues"). */
export const BULK_FETCH_ISSUES = 100;

/** These issues as the caller sees them; ones that do not exist or are hidden from them are missing. */
export async function fetchIssues(
  client: JiraClient, what: Message, idsOrKeys: string[], fields: string[], properties: string[] = [],
): Promise<JiraIssue[]> {
  const out: JiraIssue[] = [];
  const unique = [...new Set(idsOrKeys)];
  for (let i = 0; i < unique.length; i += BULK_FETCH_ISSUES) {
    const page = await jsonBody<{ issues?: JiraIssue[] }>(
      client.requestJira(route`/rest/api/3/issue/bulkfetch`, {
        what,
        method: 'POST',
        query: true,
        body: { issueIdsOrKeys: unique.slice(i, i + BULK_FETCH_ISSUES), fields, properties },
      }),
    );
    out.push(...(page.issues ?? []));
  }
  return out;
}

/** One issue by key, as the caller sees it (undefined when it does not exist or is hidden from them). */
export async function findIssue(client: JiraClient, issueKey: string, fields: string[]): Promise<JiraIssue | undefined> {
  const [issue] = await fetchIssues(client, msg('jira.what.issue', { key: issueKey }), [issueKey], fields);
  return issue;
}
