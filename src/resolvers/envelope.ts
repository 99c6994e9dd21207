/**
 * Every resolver answers with the same envelope, so the UI can always show either data (maybe with
 * warnings about what could not be loaded) or a clear error — never a blank panel or a stack trace.
 */
import { z } from 'zod';
import { msg, type Message } from '../domain/message';
import { JiraClient, JiraError, JiraRateLimitError } from '../jira/client';

export type ErrorCode =
  | 'INVALID_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'JIRA_UNAVAILABLE' | 'RATE_LIMITED' | 'INTERNAL';

/** Errors and warnings are Messages, so the UI shows them in the reader's language. */
export type Envelope<T> =
  | { ok: true; data: T; warnings: Message[] }
  | { ok: false; error: { code: ErrorCode; message: Message } };

export class UserError extends Error {
  constructor(readonly code: ErrorCode, readonly text: Message) { super(`${code}: ${text.key}`); }
}

export interface Caller {
  accountId: string;
  client: JiraClient;
  /** The Forge extension context (module, project, board, issue) the call came from. */
  extension: Record<string, unknown>;
}

export interface Answer<T> { data: T; warnings?: Message[] }

interface ForgeRequest { payload: unknown; context: { accountId?: string; extension?: Record<string, unknown> } }

/** Wrap a resolver: validate the payload, build the caller, map failures to clear errors. */
export function resolver<S extends z.ZodType, T>(schema: S, fn: (input: z.infer<S>, caller: Caller) => Promise<Answer<T>>) {
  return async (req: ForgeRequest): Promise<Envelope<T>> => {
    const parsed = schema.safeParse(req.payload ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'INVALID_INPUT', message: msg('error.invalidInput', { detail }) } };
    }
    if (!req.context?.accountId) return { ok: false, error: { code: 'FORBIDDEN', message: msg('error.signIn') } };
    try {
      const out = await fn(parsed.data, { accountId: req.context.accountId, client: new JiraClient(), extension: req.context.extension ?? {} });
      return { ok: true, data: out.data, warnings: out.warnings ?? [] };
    } catch (e) {
      if (isForgeAuthenticationError(e)) throw e;
      if (e instanceof UserError) return { ok: false, error: { code: e.code, message: e.text } };
      if (e instanceof JiraRateLimitError) return { ok: false, error: { code: 'RATE_LIMITED', message: e.text } };
      if (e instanceof JiraError) {
        const code: ErrorCode = e.forbidden ? 'FORBIDDEN' : e.notVisible ? 'NOT_FOUND' : 'JIRA_UNAVAILABLE';
        return { ok: false, error: { code, message: e.text } };
      }
      console.error(e);
      return { ok: false, error: { code: 'INTERNAL', message: msg('error.internal') } };
    }
  };
}

/**
 * @forge/api's NeedsAuthenticationError (asUser() for a person who has not allowed the app access yet):
 * Forge must receive it — the invocation rejects with it — to show the person the consent prompt.
 * Compared by name, as @forge/api's own isForgePlatformError does: another copy of @forge/api (one is
 * nested under @forge/kvs) would make instanceof miss it.
 */
function isForgeAuthenticationError(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'NEEDS_AUTHENTICATION_ERR';
}

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const issueKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,19}-[1-9][0-9]{0,9}$/, 'must be a Jira issue key such as HAR-12');
export const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'must be a Jira project key such as HAR');
