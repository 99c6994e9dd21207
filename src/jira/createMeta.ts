/** Which issue types a person may create in a project (Jira's create metadata), and which one suits a retro action. */
import { route } from '@forge/api';
import { msg } from '../domain/message';
import { jsonBody, type JiraClient } from './client';

export interface CreatableIssueType {
  id: string;
  name: string;
  subtask: boolean;
  hierarchyLevel: number;
}

interface CreateMetaPage { issueTypes: CreatableIssueType[]; startAt: number; maxResults: number; total: number }

/** Every issue type the caller may create in the project; empty when they lack Create issues there. */
export async function creatableIssueTypes(client: JiraClient, projectKey: string): Promise<CreatableIssueType[]> {
  const types: CreatableIssueType[] = [];
  for (let startAt = 0; ;) {
    const params = new URLSearchParams({ startAt: String(startAt), maxResults: '50' });
    const page = await jsonBody<CreateMetaPage>(
      client.requestJira(route`/rest/api/3/issue/createmeta/${projectKey}/issuetypes?${params}`, {
        what: msg('jira.what.issueTypes', { project: projectKey }),
        method: 'GET',
      }),
    );
    types.push(...page.issueTypes);
    startAt += page.issueTypes.length;
    if (!page.issueTypes.length || startAt >= page.total) return types;
  }
}

/**
 * A retro action is a plain piece of work: `Task` when the project has it, else another standard
 * type (not an epic, sub-task or bug, e.g. Story); null when the project offers none of those.
 */
export function actionIssueType(types: CreatableIssueType[]): CreatableIssueType | null {
  const standard = types.filter((t) => !t.subtask && t.hierarchyLevel === 0);
  return standard.find((t) => t.name === 'Task') ?? standard.find((t) => t.name !== 'Bug') ?? null;
}
