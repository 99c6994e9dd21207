import { route } from '@forge/api';
import { msg } from '../domain/message';
import { jsonBody, type JiraClient } from './client';

interface JiraUser { accountId: string; displayName?: string; accountType?: string; active?: boolean }

/**
 * Display names of the accounts Jira's user search shows the caller. Left out: accounts it does not
 * (deactivated ones, or every one when the caller lacks "Browse users and groups") — callers say
 * "unknown" for those rather than show a raw account id.
 */
export async function displayNames(client: JiraClient, accountIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const accountId of new Set(accountIds)) {
    const params = new URLSearchParams({ accountId, maxResults: '1' });
    const users = await jsonBody<JiraUser[]>(
      client.requestJira(route`/rest/api/3/user/search?${params}`, { what: msg('jira.what.userNames') }),
    );
    const name = users.find((u) => u.accountId === accountId)?.displayName;
    if (name) names.set(accountId, name);
  }
  return names;
}

export interface UserRef { accountId: string; displayName: string }

/** People matching a name, as Jira's user search shows them to the caller: active people, not apps. */
export async function searchUsers(client: JiraClient, query: string): Promise<UserRef[]> {
  const params = new URLSearchParams({ query, maxResults: '20' });
  const users = await jsonBody<JiraUser[]>(
    client.requestJira(route`/rest/api/3/user/search?${params}`, { what: msg('jira.what.people') }),
  );
  return users.filter((u) => u.accountType !== 'app' && u.active !== false)
    .map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId }));
}

/**
 * Whether the caller holds Jira's global "Browse users and groups" permission: without it Jira's
 * user search answers an empty list, which would otherwise read as "nobody by that name".
 */
export async function canBrowseUsers(client: JiraClient): Promise<boolean> {
  const params = new URLSearchParams({ permissions: 'USER_PICKER' });
  const res = await jsonBody<{ permissions: Record<string, { havePermission?: boolean }> }>(
    client.requestJira(route`/rest/api/3/mypermissions?${params}`, { what: msg('jira.what.userPermission') }),
  );
  return res.permissions.USER_PICKER?.havePermission === true;
}
