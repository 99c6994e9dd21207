/**
 * The board backlog in rank order (`/rest/software/1.0/board/{id}/backlog`, 100 a page) and the
 * priority scores kept on each issue as the entity property `scrum-coach-priority` — visible in Jira
 * and, through the manifest's indexed values, searchable with JQL (e.g. `scrumCoachWsjf > 5`).
 */
import { route } from '@forge/api';
import type { BacklogItem } from '../domain/readiness';
import type { Scores } from '../domain/prioritisation';
import type { BoardModel } from '../domain/sprintFacts';
import { msg } from '../domain/message';
import { jsonBody, type JiraClient } from './client';
import { fetchIssues } from './issues';
import type { JiraIssue, TokenPage } from './types';

export const PRIORITY_PROPERTY = 'scrum-coach-priority';
export const BACKLOG_PAGE = 100;

export interface StoredScores extends Scores { wsjf: number | null; valueForEffort: number | null; updatedBy: string; updatedAt: string }

export interface BacklogPage { items: BacklogItem[]; nextPageToken: string | null }

/** A Jira issue as a backlog item (links to unfinished blockers only). */
export function toBacklogItem(issue: JiraIssue, board: BoardModel): BacklogItem {
  const doneStatusIds = new Set(board.columns.at(-1)?.statusIds ?? []);
  const f = issue.fields;
  const estimate = board.estimation.kind === 'field' ? f[board.estimation.fieldId] : null;
  const links = Array.isArray(f.issuelinks) ? f.issuelinks as { type?: { inward?: string }; inwardIssue?: { key: string; fields?: { status?: { id?: string; statusCategory?: { key?: string } } } } }[] : [];
  return {
    id: issue.id, key: issue.key, summary: String(f.summary ?? ''), type: String(f.issuetype?.name ?? 'Issue'),
    created: String(f.created), updated: String(f.updated ?? f.created), reporterId: f.reporter?.accountId ?? null,
    estimate: typeof estimate === 'number' ? estimate : null, description: f.description ?? null, parentKey: f.parent?.key ?? null,
    blockedBy: links
      .filter((l) => l.type?.inward === 'is blocked by' && l.inwardIssue)
      .filter((l) => l.inwardIssue!.fields?.status?.statusCategory?.key !== 'done' && !doneStatusIds.has(l.inwardIssue!.fields?.status?.id ?? ''))
      .map((l) => l.inwardIssue!.key),
  };
}

export async function backlogPage(client: JiraClient, board: BoardModel, pageToken: string | null): Promise<BacklogPage> {
  const fields = ['summary', 'issuetype', 'created', 'updated', 'reporter', 'description', 'parent', 'issuelinks',
    ...(board.estimation.kind === 'field' ? [board.estimation.fieldId] : [])];
  const params = new URLSearchParams({ maxResults: String(BACKLOG_PAGE), fields: fields.join(',') });
  if (pageToken) params.set('nextPageToken', pageToken);
  const page = await jsonBody<TokenPage>(
    client.requestJira(route`/rest/software/1.0/board/${board.id}/backlog?${params}`, {
      what: msg('jira.what.backlog', { board: board.name }),
    }),
  );
  return { items: page.issues.map((i) => toBacklogItem(i, board)), nextPageToken: page.nextPageToken ?? null };
}

/**
 * The items in the order of their Rank as Jira holds it now. The backlog list comes from the search
 * index, which shows a new rank only after a while (longer after ranking, Jira warns); bulk fetch
 * reads the issues themselves. An item deleted meanwhile is left out.
 */
export async function inCurrentRankOrder(
  client: JiraClient, board: BoardModel, items: BacklogItem[], rankField: string,
): Promise<BacklogItem[]> {
  if (!items.length) return items;
  const issues = await fetchIssues(client, msg('jira.what.backlog', { board: board.name }), items.map((i) => i.id), [rankField]);
  const rankOf = new Map(issues.map((i) => [i.id, String(i.fields[rankField] ?? '')]));
  // LexoRank values order by plain code units, not by locale.
  const byRank = (a: BacklogItem, b: BacklogItem) => {
    const [x, y] = [rankOf.get(a.id)!, rankOf.get(b.id)!];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return items.filter((i) => rankOf.has(i.id)).sort(byRank);
}

/**
 * Scores of these issues (entity properties are not on the backlog list), by key. Bulk fetch, not
 * JQL: it answers with each issue's key, leaves out one deleted meanwhile instead of failing, and
 * sees a score saved a moment ago, which the search index may not yet.
 */
export async function readScores(client: JiraClient, keys: string[]): Promise<Map<string, StoredScores>> {
  const out = new Map<string, StoredScores>();
  if (!keys.length) return out;
  for (const issue of await fetchIssues(client, msg('jira.what.scores'), keys, ['id'], [PRIORITY_PROPERTY])) {
    const value = issue.properties?.[PRIORITY_PROPERTY];
    if (value && typeof value === 'object') out.set(issue.key, value as StoredScores);
  }
  return out;
}

export async function writeScores(client: JiraClient, issueKey: string, scores: StoredScores): Promise<void> {
  await client.requestJira(route`/rest/api/3/issue/${issueKey}/properties/${PRIORITY_PROPERTY}`, {
    what: msg('jira.what.scoresOf', { key: issueKey }),
    forbidden: msg('jira.forbidden.editIssues', { key: issueKey }),
    method: 'PUT',
    body: scores,
  });
}

export interface RankFailure { issueKey: string; errors: string[] }

/** One rank call; a 207 answer lists the issues Jira could not move. */
export async function rank(client: JiraClient, step: { issues: string[]; rankBeforeIssue?: string; rankAfterIssue?: string }): Promise<RankFailure[]> {
  const res = await client.requestJira(route`/rest/agile/1.0/issue/rank`, {
    what: msg('jira.what.rank', { n: step.issues.length }),
    forbidden: msg('jira.forbidden.scheduleIssues'),
    method: 'PUT',
    body: step,
  });
  if (res.status !== 207) return [];
  const body = (await jsonBody(res)) as { entries?: { issueKey: string; status: number; errors?: string[] }[] };
  return (body.entries ?? []).filter((e) => e.status >= 300).map((e) => ({ issueKey: e.issueKey, errors: e.errors ?? [] }));
}
