import { route } from '@forge/api';
import { msg } from '../domain/message';
import { jsonBody, type JiraClient } from './client';
import { fetchIssues } from './issues';

export type Adf = { type: 'doc'; version: 1; content: unknown[] };

export const adfParagraphs = (...texts: string[]): Adf => ({
  type: 'doc', version: 1,
  content: texts.filter(Boolean).map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** Jira's limits: a summary is one line of at most 255 characters; a comment's stored ADF at most 32,767. */
export const SUMMARY_MAX = 255;
export const COMMENT_MAX = 32_767;

/**
 * A summary as Jira accepts it: line breaks become spaces, and a text too long is cut to 255 characters
 * with an ellipsis, between graphemes (an emoji or accented letter is never split).
 */
export function oneLineSummary(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (line.length <= SUMMARY_MAX) return line;
  let out = '';
  for (const grapheme of graphemes(line)) {
    if (out.length + grapheme.length > SUMMARY_MAX - 1) break;
    out += grapheme;
  }
  return `${out.trimEnd()}…`;
}

function graphemes(text: string): string[] {
  if (typeof Intl.Segmenter === 'function') {
    return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
  }
  return Array.from(text); // code points: still never half a surrogate pair
}

export async function createIssue(client: JiraClient, input: {
  projectKey: string; issueTypeId: string; summary: string; description: Adf; labels: string[];
  assigneeId?: string | null;
  /** Issue properties set in the same call, so the issue never exists without them. */
  properties?: Record<string, unknown>;
}): Promise<string> {
  const properties = Object.entries(input.properties ?? {}).map(([key, value]) => ({ key, value }));
  const created = await jsonBody<{ key: string }>(client.requestJira(route`/rest/api/3/issue`, {
    what: msg('jira.what.newIssue', { project: input.projectKey }),
    forbidden: msg('jira.forbidden.createIssues', { project: input.projectKey }),
    method: 'POST',
    body: {
      fields: {
        project: { key: input.projectKey }, issuetype: { id: input.issueTypeId },
        summary: oneLineSummary(input.summary),
        description: input.description, labels: input.labels,
        ...(input.assigneeId ? { assignee: { accountId: input.assigneeId } } : {}),
      },
      ...(properties.length ? { properties } : {}),
    },
  }));
  return created.key;
}

export async function addComment(client: JiraClient, issueKey: string, body: Adf): Promise<void> {
  await client.requestJira(route`/rest/api/3/issue/${issueKey}/comment`, {
    what: msg('jira.what.comment', { key: issueKey }),
    forbidden: msg('jira.forbidden.addComments', { key: issueKey }),
    method: 'POST',
    body: { body },
  });
}

/** Room left in each comment for the "(part n of m)" note. */
const PART_NOTE_ROOM = 200;
/** A line longer than this is cut into pieces: even fully escaped in JSON, a piece stays far below the limit. */
const LINE_PIECE = 4_000;

/**
 * Paragraphs as comments within Jira's limit, measured as Jira does on the stored ADF document: one
 * comment when it fits, else several in order, each ending with `partNote(n, total)`. Lines are kept
 * whole unless one alone is too long; no text is dropped.
 */
export function commentDocuments(lines: string[], partNote: (n: number, total: number) => string): Adf[] {
  if (JSON.stringify(adfParagraphs(...lines)).length <= COMMENT_MAX) return [adfParagraphs(...lines)];
  const pieces = lines.flatMap((line) => {
    const points = Array.from(line);
    const out: string[] = [];
    for (let i = 0; i < points.length; i += LINE_PIECE) out.push(points.slice(i, i + LINE_PIECE).join(''));
    return out;
  });
  // A document's JSON is the empty document plus each paragraph's JSON, comma-separated: grow the size
  // piece by piece instead of serialising the whole part again for every piece.
  const emptyDoc = JSON.stringify(adfParagraphs()).length;
  const paragraphSize = (text: string) => JSON.stringify(adfParagraphs(text).content[0]).length;
  const parts: string[][] = [[]];
  let size = emptyDoc;
  for (const piece of pieces) {
    const current = parts[parts.length - 1];
    const grown = size + paragraphSize(piece) + (current.length ? 1 : 0);
    if (current.length && grown > COMMENT_MAX - PART_NOTE_ROOM) {
      parts.push([piece]);
      size = emptyDoc + paragraphSize(piece);
    } else {
      current.push(piece);
      size = grown;
    }
  }
  return parts.map((part, n) => adfParagraphs(...part, partNote(n + 1, parts.length)));
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
