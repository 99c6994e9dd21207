/**
 * Every resolver answers with the same envelope, so the UI can always show either data (maybe with
 * warnings about what could not be loaded) or a clear error — never a blank panel or a stack trace.
 */
import { z } from 'zod';
import { JiraClient, JiraError } from '../jira/client';

export type ErrorCode = 'INVALID_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'JIRA_UNAVAILABLE' | 'INTERNAL';

export type Envelope<T> =
  | { ok: true; data: T; warnings: string[] }
  | { ok: false; error: { code: ErrorCode; message: string } };

export class UserError extends Error {
  constructor(readonly code: ErrorCode, message: string) { super(message); }
}

export interface Caller {
  accountId: string;
  client: JiraClient;
  /** The Forge extension context (module, project, board, issue) the call came from. */
  extension: Record<string, unknown>;
}

export interface Answer<T> { data: T; warnings?: string[] }

interface ForgeRequest { payload: unknown; context: { accountId?: string; extension?: Record<string, unknown> } }

/** Wrap a resolver: validate the payload, build the caller, map failures to clear errors. */
export function resolver<S extends z.ZodType, T>(schema: S, fn: (input: z.infer<S>, caller: Caller) => Promise<Answer<T>>) {
  return async (req: ForgeRequest): Promise<Envelope<T>> => {
    const parsed = schema.safeParse(req.payload ?? {});
    if (!parsed.success) {
      const msg = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid request. ${msg}` } };
    }
    if (!req.context?.accountId) return { ok: false, error: { code: 'FORBIDDEN', message: 'Sign in to Jira to use Scrum Coach.' } };
    try {
      const out = await fn(parsed.data, { accountId: req.context.accountId, client: new JiraClient(), extension: req.context.extension ?? {} });
      return { ok: true, data: out.data, warnings: out.warnings ?? [] };
    } catch (e) {
      if (e instanceof UserError) return { ok: false, error: { code: e.code, message: e.message } };
      if (e instanceof JiraError) {
        return { ok: false, error: { code: e.notVisible ? 'NOT_FOUND' : 'JIRA_UNAVAILABLE', message: e.message } };
      }
      console.error(e);
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in Scrum Coach. Try again; if it persists, tell your Jira admin.' } };
    }
  };
}

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const issueKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,19}-[1-9][0-9]{0,9}$/, 'must be a Jira issue key such as HAR-12');
export const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'must be a Jira project key such as HAR');
