/**
 * Everything the sprint report needs, in few requests:
 *  1. the issues in the sprint now (`/rest/software/1.0/sprint/{id}/issue`, 100 a page, explicit fields);
 *  2. ids of issues touched since the start that are *not* in it now (one JQL page of ids):
 *     the only place issues removed mid-sprint can be found, since Jira keeps no "was in sprint" JQL;
 *  3. the changelogs of both sets for Sprint, estimate, status and Flagged only
 *     (`POST /rest/api/3/changelog/bulkfetch`, 1000 issues a call);
 *  4. full fields only for candidates that really were in the sprint.
 */
import { route } from '@forge/api';
import type { FieldChange, TrackedField } from '../domain/history';
import { sprintIdsOf } from '../domain/history';
import type { BoardModel, IssueInput, SprintModel } from '../domain/sprintFacts';
import { msg, type Message } from '../domain/message';
import { JiraError, jsonBody, type JiraClient } from './client';
import type { SiteFields } from './fields';
import type { BulkChangelogPage, JiraIssue, TokenPage } from './types';

/** Bump when what loadSprintData reconstructs changes: cached inputs of closed sprints are keyed by it. */
export const SPRINT_DATA_VERSION = 1;

export const LIST_PAGE = 100;
export const CHANGELOG_ISSUES_PER_CALL = 1000;
/** Jira returns up to 5000 issues a page when only ids are asked for. */
export const ID_PAGE = 5000;

export interface SprintData {
  issues: IssueInput[];
  /** What could not be loaded; the facts are then partial and must not be cached. */
  warnings: Message[];
}

function wantedFields(board: BoardModel, f: SiteFields) {
  return ['summary', 'issuetype', 'status', 'created', 'reporter', 'labels', f.sprint,
    ...(board.estimation.kind === 'field' ? [board.estimation.fieldId] : []), ...(f.flagged ? [f.flagged] : [])];
}

async function sprintIssues(client: JiraClient, sprint: SprintModel, fields: string[]): Promise<JiraIssue[]> {
  const out: JiraIssue[] = [];
  let token: string | undefined;
  do {
    const params = new URLSearchParams({ maxResults: String(LIST_PAGE), fields: fields.join(',') });
    if (token) params.set('nextPageToken', token);
    const page = await jsonBody<TokenPage>(
      client.requestJira(route`/rest/software/1.0/sprint/${sprint.id}/issue?${params}`, {
        what: msg('jira.what.sprintIssues', { sprint: sprint.name }),
      }),
    );
    out.push(...page.issues);
    token = page.nextPageToken ?? undefined;
  } while (token);
  return out;
}

/** Every issue a JQL search finds, page by page (nextPageToken). */
export async function searchIssues(
  client: JiraClient, what: Message, jql: string, fields: string[], pageSize: number,
): Promise<JiraIssue[]> {
  const out: JiraIssue[] = [];
  let token: string | undefined;
  do {
    const page = await jsonBody<TokenPage>(
      client.requestJira(route`/rest/api/3/search/jql`, {
        what,
        method: 'POST',
        query: true,
        body: { jql, fields, maxResults: pageSize, ...(token ? { nextPageToken: token } : {}) },
      }),
    );
    out.push(...page.issues);
    token = page.nextPageToken ?? undefined;
  } while (token);
  return out;
}

/** A changelog value, or null when Jira left it out — never an inherited property like Object.prototype.toString. */
function own(item: object, key: 'from' | 'to' | 'fromString' | 'toString'): string | null {
  const value = Object.hasOwn(item, key) ? (item as Record<string, unknown>)[key] : null;
  return typeof value === 'string' ? value : null;
}

const jqlDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function changelogs(client: JiraClient, issueIds: string[], fieldMap: Map<string, TrackedField>): Promise<Map<string, FieldChange[]>> {
  const out = new Map<string, FieldChange[]>();
  for (let i = 0; i < issueIds.length; i += CHANGELOG_ISSUES_PER_CALL) {
    const chunk = issueIds.slice(i, i + CHANGELOG_ISSUES_PER_CALL);
    let token: string | undefined;
    do {
      const page = await jsonBody<BulkChangelogPage>(
        client.requestJira(route`/rest/api/3/changelog/bulkfetch`, {
          what: msg('jira.what.changelogs', { n: chunk.length }),
          method: 'POST',
          query: true,
          body: {
            issueIdsOrKeys: chunk,
            fieldIds: [...fieldMap.keys()],
            maxResults: 10000,
            ...(token ? { nextPageToken: token } : {}),
          },
        }),
      );
      for (const log of page.issueChangeLogs ?? []) {
        const list = out.get(log.issueId) ?? [];
        for (const h of log.changeHistories ?? []) {
          const at = Date.parse(h.created);
          for (const item of h.items ?? []) {
            const field = fieldMap.get(item.fieldId ?? '');
            if (!field) continue;
            // Status and Sprint carry ids in from/to; story points only in the *String variants.
            const from = field === 'estimate' ? own(item, 'from') ?? own(item, 'fromString') : field === 'flagged' ? own(item, 'fromString') : own(item, 'from');
            const to = field === 'estimate' ? own(item, 'to') ?? own(item, 'toString') : field === 'flagged' ? own(item, 'toString') : own(item, 'to');
            list.push({ at, field, from, to });
          }
        }
        out.set(log.issueId, list);
      }
      token = page.nextPageToken ?? undefined;
    } while (token);
  }
  return out;
}

function toInput(issue: JiraIssue, board: BoardModel, f: SiteFields, changes: FieldChange[]): IssueInput {
  const x = issue.fields;
  const sprints = Array.isArray(x[f.sprint]) ? (x[f.sprint] as { id: number }[]).map((s) => s.id) : [];
  const estimate = board.estimation.kind === 'field' ? x[board.estimation.fieldId] : null;
  const flagged = f.flagged ? x[f.flagged] : null;
  return {
    id: issue.id,
    key: issue.key,
    summary: String(x.summary ?? ''),
    type: String(x.issuetype?.name ?? 'Issue'),
    isSubtask: x.issuetype?.subtask === true,
    created: String(x.created),
    reporterId: x.reporter?.accountId ?? null,
    labels: Array.isArray(x.labels) ? x.labels.map(String) : [],
    current: {
      sprint: sprints.length ? sprints.join(', ') : null,
      estimate: typeof estimate === 'number' ? String(estimate) : null,
      status: x.status?.id ?? null,
      flagged: Array.isArray(flagged) && flagged.length ? 'Impediment' : null,
    },
    changes,
  };
}

export async function loadSprintData(client: JiraClient, board: BoardModel, sprint: SprintModel, f: SiteFields): Promise<SprintData> {
  const warnings: Message[] = [];
  const fields = wantedFields(board, f);
  const current = await sprintIssues(client, sprint, fields);
  const fieldMap = new Map<string, TrackedField>([[f.sprint, 'sprint'], ['status', 'status']]);
  if (board.estimation.kind === 'field') fieldMap.set(board.estimation.fieldId, 'estimate');
  if (f.flagged) fieldMap.set(f.flagged, 'flagged');

  // Issues touched since the start but not in the sprint now: candidates for "removed".
  let candidateIds: string[] = [];
  if (sprint.startDate && board.projectKey) {
    const since = jqlDate(Date.parse(sprint.startDate) - 86_400_000);
    const jql = `project = "${board.projectKey}" AND updated >= "${since}" AND (sprint != ${sprint.id} OR sprint is EMPTY)`;
    try {
      const found = await searchIssues(client, msg('jira.what.leftCandidates'), jql, ['id'], ID_PAGE);
      candidateIds = found.map((i) => i.id);
    } catch (e) {
      if (!(e instanceof JiraError)) throw e;
      warnings.push(msg('warning.removedMayBeMissing', { error: e.text }));
    }
  }

  let logs = new Map<string, FieldChange[]>();
  try {
    logs = await changelogs(client, [...current.map((i) => i.id), ...candidateIds], fieldMap);
  } catch (e) {
    if (!(e instanceof JiraError)) throw e;
    warnings.push(msg('warning.currentValuesOnly', { error: e.text }));
  }

  // A candidate belongs in the report only if its Sprint history ever named this sprint.
  const removedIds = candidateIds.filter((id) => (logs.get(id) ?? []).some((c) => c.field === 'sprint' && (sprintIdsOf(c.from).includes(sprint.id) || sprintIdsOf(c.to).includes(sprint.id))));
  let removed: JiraIssue[] = [];
  if (removedIds.length) {
    try {
      for (let i = 0; i < removedIds.length; i += LIST_PAGE) {
        const jql = `id in (${removedIds.slice(i, i + LIST_PAGE).join(',')})`;
        removed.push(...await searchIssues(client, msg('jira.what.removed'), jql, fields, LIST_PAGE));
      }
    } catch (e) {
      if (!(e instanceof JiraError)) throw e;
      warnings.push(msg('warning.removedMissing', { error: e.text }));
      removed = [];
    }
  }
  return {
    issues: [...current, ...removed].map((i) => toInput(i, board, f, logs.get(i.id) ?? [])),
    warnings,
  };
}
