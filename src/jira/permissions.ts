import { route } from '@forge/api';
import { msg } from '../domain/message';
import { jsonBody, type JiraClient } from './client';

/** Whether the calling user has Browse Projects on a project, asked of Jira itself. */
export async function canBrowseProject(client: JiraClient, projectKey: string): Promise<boolean> {
  const params = new URLSearchParams({ permissions: 'BROWSE_PROJECTS', projectKey });
  try {
    const res = await jsonBody<{ permissions: Record<string, { havePermission?: boolean }> }>(
      client.requestJira(route`/rest/api/3/mypermissions?${params}`, {
        what: msg('jira.what.permissions', { project: projectKey }),
      }),
    );
    return res.permissions.BROWSE_PROJECTS?.havePermission === true;
  } catch (e) {
    if ((e as { notVisible?: boolean }).notVisible) return false;
    throw e;
  }
}
