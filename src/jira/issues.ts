import { route } from '@forge/api';
import { msg } from '../domain/message';
import { jsonBody, type JiraClient } from './client';
import type { JiraIssue, TokenPage } from './types';

/** One issue by key, as the caller sees it (undefined when it does not exist or is hidden from them). */
export async function findIssue(client: JiraClient, issueKey: string, fields: string[]): Promise<JiraIssue | undefined> {
  const page = await jsonBody<TokenPage>(
    client.requestJira(route`/rest/api/3/search/jql`, {
      what: msg('jira.what.issue', { key: issueKey }),
      method: 'POST',
      query: true,
      body: { jql: `key = "${issueKey}"`, fields, maxResults: 1 },
    }),
  );
  return page.issues[0];
}
