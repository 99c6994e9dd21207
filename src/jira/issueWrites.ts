import { route } from '@forge/api';
import { msg } from '../domain/message';
import { jsonBody, type JiraClient } from './client';
import { fetchIssues } from './issues';

export type Adf = { type: 'doc'; version: 1; content: unknown[] };

export const adfParagraphs = (...texts: string[]): Adf => ({
  type: 'doc', version: 1,
  content: texts.filter(Boolean).map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

export async function createIssue(client: JiraClient, input: { projectKey: string; summary: string; description: Adf; labels: string[]; assigneeId?: string | null }): Promise<string> {
  const created = await jsonBody<{ key: string }>(client.requestJira(route`/rest/api/3/issue`, {
    what: msg('jira.what.newIssue', { project: input.projectKey }),
    method: 'POST',
    body: {
      fields: {
        project: { key: input.projectKey }, issuetype: { name: 'Task' }, summary: input.summary.slice(0, 255),
        description: input.description, labels: input.labels,
        ...(input.assigneeId ? { assignee: { accountId: input.assigneeId } } : {}),
      },
    },
  }));
  return created.key;
}

export async function addComment(client: JiraClient, issueKey: string, body: Adf): Promise<void> {
  await client.requestJira(route`/rest/api/3/issue/${issueKey}/comment`, {
    what: msg('jira.what.comment', { key: issueKey }),
    method: 'POST',
    body: { body },
  });
}

export async function setIssueProperty(client: JiraClient, issueKey: string, property: string, value: unknown): Promise<void> {
  await client.requestJira(route`/rest/api/3/issue/${issueKey}/properties/${property}`, {
    what: msg('jira.what.property', { property, key: issueKey }),
    method: 'PUT',
    body: value,
  });
}

/**
 * Which of these issues are done now (status category done), read live from Jira. An issue deleted
 * since (or hidden from this person) is simply not done: it must not fail the others' status.
 */
export async function doneIssues(client: JiraClient, keys: string[]): Promise<Set<string>> {
  const done = new Set<string>();
  if (!keys.length) return done;
  for (const issue of await fetchIssues(client, msg('jira.what.actionStatus'), keys, ['status'])) {
    if (issue.fields.status?.statusCategory?.key === 'done') done.add(issue.key);
  }
  return done;
}
