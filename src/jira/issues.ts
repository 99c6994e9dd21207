import { route } from '@forge/api';
import { msg } from '../domain/message';
import type { JiraClient } from './client';
import type { JiraIssue, TokenPage } from './types';

/** One issue by key, as the caller sees it (undefined when it does not exist or is hidden from them). */
export async function findIssue(client: JiraClient, issueKey: string, fields: string[]): Promise<JiraIssue | undefined> {
  const page = await client.json<TokenPage>(msg('jira.what.issue', { key: issueKey }), route`/rest/api/3/search/jql`, {
    method: 'POST', query: true, body: { jql: `key = "${issueKey}"`, fields, maxResults: 1 },
  });
  return page.issues[0];
}
