import { route } from '@forge/api';
import { msg } from '../domain/message';
import { jsonBody, type JiraClient } from './client';

/** Display names for account ids (as Jira shows them to the caller); unknown ids map to themselves. */
export async function displayNames(client: JiraClient, accountIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const accountId of new Set(accountIds)) {
    const params = new URLSearchParams({ accountId, maxResults: '1' });
    const users = await jsonBody<{ accountId: string; displayName?: string }[]>(
      client.requestJira(route`/rest/api/3/user/search?${params}`, { what: msg('jira.what.userNames') }),
    );
    names.set(accountId, users.find((u) => u.accountId === accountId)?.displayName ?? accountId);
  }
  return names;
}

export interface UserRef { accountId: string; displayName: string }

/** People matching a name, as Jira's user search shows them to the caller. */
export async function searchUsers(client: JiraClient, query: string): Promise<UserRef[]> {
  const params = new URLSearchParams({ query, maxResults: '20' });
  const users = await jsonBody<{ accountId: string; displayName?: string; accountType?: string }[]>(
    client.requestJira(route`/rest/api/3/user/search?${params}`, { what: msg('jira.what.people') }),
  );
  return users.filter((u) => u.accountType !== 'app').map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId }));
}
