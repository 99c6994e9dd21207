/**
 * The one door to Jira REST. Calls go out as the invoking user (so Jira itself enforces what they
 * may see) unless a client was made with `asApp()` for data shared by every viewer; they are retried
 * on 429 and 5xx — honouring Retry-After, otherwise exponential back-off with full jitter — and fail
 * with a JiraError that names what could not be loaded.
 */
import api, { type Route } from '@forge/api';
import { msg, type Message } from '../domain/message';

export class JiraError extends Error {
  /** What the user reads, in their language: "Could not load {what}: {answer}" (or "save", for a write). */
  readonly text: Message;
  constructor(
    readonly what: Message,
    /** Jira's HTTP status; 0 when no answer came back. */
    readonly status: number,
    answer: Message,
    readonly writing = false,
  ) {
    super(`Could not ${writing ? 'save' : 'load'} ${what.key} (${JSON.stringify(what.params ?? {})}): Jira answered ${status}`);
    this.text = msg(writing ? 'jira.error.couldNotSave' : 'jira.error.couldNotLoad', { what, answer });
  }
  /** Jira answers 404 (and, to a read, sometimes 403) for things the user may not see. */
  get notVisible() { return this.status === 404 || (this.status === 403 && !this.writing); }
  /** A write Jira refused (403): the user sees the thing but lacks the permission to change it. */
  get forbidden() { return this.status === 403 && this.writing; }
}

/**
 * Jira refused for a while: its hourly points quota for the app is spent, or it asked for a wait
 * longer than one call can afford. Nothing more is sent until `retryAt` (epoch ms; null: Jira did
 * not say when) — retrying early would only lengthen the wait.
 */
export class JiraRateLimitError extends JiraError {
  constructor(what: Message, readonly retryAt: number | null, writing = false, now = Date.now()) {
    super(what, 429, rateLimitAnswer(retryAt, now), writing);
  }
}

/** "Try again in 47 min (around 13:15 UTC)", or "later" when Jira gave no time. */
function rateLimitAnswer(retryAt: number | null, now: number): Message {
  if (retryAt === null) return msg('jira.error.rateLimitedLater');
  const minutes = Math.max(1, Math.ceil((retryAt - now) / 60_000));
  return msg('jira.error.rateLimited', { minutes, at: new Date(retryAt).toISOString().slice(11, 16) });
}

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 400,
  maxDelayMs: 6_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/** Delay before retry `attempt` (0-based): Retry-After when Jira gives one, else full-jitter exponential. */
export function retryDelayMs(attempt: number, retryAfter: string | null, policy: RetryPolicy): number {
  const seconds = retryAfter !== null ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) {
    // A little jitter on top, so many clients told the same Retry-After do not return in lockstep.
    return Math.min(seconds * 1000 + policy.random() * policy.baseDelayMs, policy.maxDelayMs * 2);
  }
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return policy.random() * cap;
}

/** The RateLimit-Reason values of Jira's hourly points quotas (per app and site, or per app overall). */
const QUOTA_REASON = /^jira-quota-/;

/**
 * Whether a 429 means "stop now" rather than "wait a little": Jira's points quota is spent
 * (RateLimit-Reason jira-quota-…), or Retry-After is longer than the longest wait this policy takes
 * (retrying sooner only earns a longer Retry-After). Returns when Jira takes requests again (epoch ms,
 * from Retry-After, else X-RateLimit-Reset; null if neither says), or undefined for a short wait.
 */
export function rateLimitStop(headers: Headers, policy: RetryPolicy, now: number): { retryAt: number | null } | undefined {
  const retryAfter = Number(headers.get('retry-after') ?? NaN);
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  const retryAt = Number.isFinite(retryAfter) && retryAfter >= 0 ? now + retryAfter * 1000
    : Number.isFinite(reset) ? reset : null;
  const quotaSpent = QUOTA_REASON.test(headers.get('ratelimit-reason') ?? '');
  const tooLong = retryAt !== null && retryAt - now > policy.maxDelayMs * 2;
  return quotaSpent || tooLong ? { retryAt } : undefined;
}

export interface JiraRequest {
  /** What the person reads when it fails: "Could not load {what}" (or "save", for a write). */
  what: Message;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A POST that only reads (a JQL search, a changelog fetch): safe to repeat, and a failure is a failed load. */
  query?: boolean;
  /** What the person reads when Jira refuses this write (403): which permission they lack, and where. */
  forbidden?: Message;
}

export interface JiraClientOptions {
  retry?: Partial<RetryPolicy>;
  /**
   * Who Jira answers: the invoking user (the default) or the app's own account. Only for data that
   * is then filtered to what the user may see before anyone reads it (see src/jira/visibility.ts).
   */
  identity?: 'user' | 'app';
}

export class JiraClient {
  private readonly retry: RetryPolicy;
  readonly identity: 'user' | 'app';
  /** Requests sent (including retries): used by benchmarks and budget tests. */
  requestCount = 0;
  /**
   * Until when Jira refuses the app (epoch ms; Infinity: it did not say), shared with asApp(): the
   * points quota is the app's on this site, whoever it speaks as.
   */
  private readonly rateLimit: { until: number; retryAt: number | null };

  constructor(options: JiraClientOptions = {}, rateLimit = { until: 0, retryAt: null as number | null }) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.identity = options.identity ?? 'user';
    this.rateLimit = rateLimit;
  }

  /** The same client (retry policy and rate-limit state included) speaking as the app's own account. */
  asApp(): JiraClient {
    return new JiraClient({ retry: this.retry, identity: 'app' }, this.rateLimit);
  }

  /**
   * Sends and retries; returns any 2xx response (callers that care about 207 read it themselves).
   * A request that never got an answer (connection reset, DNS, timeout) is retried too, unless it
   * may have changed something already: a POST that creates is not repeated blindly — nor after a
   * 5xx, which can come after Jira did the work (a gateway timeout); only a 429 is safe to repeat,
   * as Jira refused it before doing anything.
   *
   * Named after @forge/api's own method and always called with a literal `route` template and an
   * options object literal (`method` spelled out), so @forge/lint's permission rule sees every
   * endpoint the app calls and checks its scopes against the manifest.
   */
  async requestJira(path: Route, init: JiraRequest): Promise<Response> {
    const method = init.method ?? 'GET';
    const request = {
      method,
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    };
    const what = init.what;
    const writes = method !== 'GET' && !init.query;
    // Without an answer, a read or an idempotent write (PUT, DELETE) may go again; a creating POST may not.
    const repeatable = method !== 'POST' || !!init.query;
    for (let attempt = 0; ; attempt++) {
      // Jira said to stop: later calls of this invocation fail at once instead of adding to the wait.
      if (this.rateLimit.until > Date.now()) throw new JiraRateLimitError(what, this.rateLimit.retryAt, writes);
      this.requestCount++;
      let res: Response;
      try {
        const requester = this.identity === 'app' ? api.asApp() : api.asUser();
        res = (await requester.requestJira(path, request)) as unknown as Response;
      } catch (e) {
        if (!isNetworkFailure(e)) throw e; // a bug, not Jira: let it surface as one
        const detail = (e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
        if (repeatable && attempt < this.retry.maxRetries) {
          await this.retry.sleep(retryDelayMs(attempt, null, this.retry));
          continue;
        }
        const key = repeatable ? 'jira.error.unreachableGaveUp' : 'jira.error.unreachable';
        throw new JiraError(what, 0, msg(key, { detail, attempts: attempt + 1 }), writes);
      }
      if (res.ok) return res;
      const stop = res.status === 429 ? rateLimitStop(res.headers, this.retry, Date.now()) : undefined;
      if (stop) {
        await res.text().catch(() => '');
        Object.assign(this.rateLimit, { until: stop.retryAt ?? Infinity, retryAt: stop.retryAt });
        throw new JiraRateLimitError(what, stop.retryAt, writes);
      }
      const mayRepeat = repeatable || res.status === 429;
      if (RETRYABLE.has(res.status) && mayRepeat && attempt < this.retry.maxRetries) {
        await res.text().catch(() => '');
        await this.retry.sleep(retryDelayMs(attempt, res.headers.get('retry-after'), this.retry));
        continue;
      }
      const detail = await errorDetail(res);
      if (writes && res.status === 403) {
        throw new JiraError(what, res.status, init.forbidden ?? msg('jira.error.forbidden', { detail }), writes);
      }
      const answer = msg(detail ? 'jira.error.answeredDetail' : 'jira.error.answered', { status: res.status, detail });
      throw new JiraError(what, res.status, failureText(answer, res.status, mayRepeat, attempt), writes);
    }
  }
}

/** Jira's answer, saying when it was given up on, or when a creating write may have happened all the same. */
function failureText(answer: Message, status: number, repeated: boolean, attempt: number): Message {
  if (!RETRYABLE.has(status)) return answer;
  if (!repeated) return msg('jira.error.maybeDone', { answer });
  return msg('jira.error.gaveUp', { answer, attempts: attempt + 1 });
}

/**
 * The JSON body of a successful Jira answer; undefined when there is none (204, or a 200/201 that
 * Jira sends without a body, as entity-property writes may).
 */
export async function jsonBody<T>(response: Response | Promise<Response>): Promise<T> {
  const text = await (await response).text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * fetch rejects with a TypeError "fetch failed" when no answer came (reset, refused, DNS), its cause
 * carrying a Node (E…) or undici (UND_ERR_…) code. Compared by name: the error may come from another realm.
 */
function isNetworkFailure(e: unknown): boolean {
  const err = e as { name?: unknown; message?: unknown; code?: unknown; cause?: { code?: unknown } };
  const code = err.cause?.code ?? err.code;
  return (err.name === 'TypeError' && err.message === 'fetch failed') || (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code));
}

async function errorDetail(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { errorMessages?: string[]; errors?: Record<string, string> };
    return [...(body.errorMessages ?? []), ...Object.values(body.errors ?? {})].join('; ');
  } catch {
    return text.slice(0, 200);
  }
}
