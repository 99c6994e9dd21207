/**
 * What the Forge platform gives a function at run time, provided locally: `global.__forge_runtime__`
 * and `global.__forge_fetch__`, so the unmodified `@forge/api` and `@forge/kvs` packages reach the
 * Jira emulator (or a real site) and the local KVS store. Each invocation runs inside an
 * AsyncLocalStorage scope that carries the calling user, like Forge's per-invocation principal.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { KvsStore } from './kvsStore';
import { appCodeDirWithLocales } from './locales';
import { PrivacyEndpoint } from './privacyEndpoint';
import { FORGE_PROXY_AUTHORIZATION, forgeProxyAuthorization } from '../jira/scopes';

/**
 * Forge's invocation limits.
 *  - Run time: https://developer.atlassian.com/platform/forge/limits-invocation ("Runtime seconds" 25 for
 *    UI invocations; scheduled triggers default to 55 s, at most 900 with `timeoutSeconds`).
 *  - Request payload: "The payload size is limited to 300 KB when invoking a resolver from the front end"
 *    (https://developer.atlassian.com/platform/forge/storage-reference/object-store, Forge resolver limits).
 *  - Response payload: 5 MB. The docs search did not surface the row that states it; this is the figure
 *    Forge developers report for a resolver's answer. Adjust here if the invocation limits page says otherwise.
 */
export const INVOCATION_LIMITS = {
  resolverTimeoutMs: 25_000,
  scheduledTriggerTimeoutMs: 55_000,
  requestPayloadBytes: 300 * 1024,
  responsePayloadBytes: 5 * 1024 * 1024,
} as const;

export const RESOLVER_TIMEOUT_MS = INVOCATION_LIMITS.resolverTimeoutMs;

/** An invocation Forge refused or cut short; `invoke()` from Custom UI rejects with it. */
export class InvocationError extends Error {
  constructor(readonly code: 'TIMEOUT' | 'PAYLOAD_TOO_LARGE' | 'RESPONSE_TOO_LARGE', message: string) {
    super(message);
  }
}

/** How to reach Jira as a given user (or as the app, when accountId is undefined). */
export interface JiraTarget {
  baseUrl: string;
  authorizationFor(accountId: string | undefined): string;
}

interface Invocation { accountId: string; moduleKey: string; invocationId: string }
const current = new AsyncLocalStorage<Invocation>();

export interface ForgeContext {
  moduleKey: string;
  extension: Record<string, unknown>;
  localId?: string;
  cloudId?: string;
  siteUrl?: string;
  [key: string]: unknown;
}

type TriggerEvent = { context: { cloudId: string; moduleKey: string } };
type TriggerHandler = (event: TriggerEvent, context: unknown) => Promise<unknown>;

type Handler = (event: { call: { functionKey: string; payload: unknown }; context: unknown }, runtime: { principal: { accountId: string } }) => Promise<unknown>;

export interface RuntimeOptions {
  /** Up to this many ms of random delay per KVS call, so concurrent invocations interleave as they do against the real, networked KVS. */
  kvsLatencyMs?: number;
}

export class ForgeRuntime {
  /** Atlassian's personal data reporting endpoint; tests set which accounts are closed. */
  readonly privacy = new PrivacyEndpoint();
  /** People who have not (yet) allowed the app to act on their behalf: asUser() calls fail for them. */
  private readonly withoutConsent = new Set<string>();

  constructor(private readonly jira: JiraTarget, private readonly store: KvsStore, private readonly options: RuntimeOptions = {}) {}

  /** Simulate a person who has not granted the app consent (or revoked it); `true` grants it again. */
  setConsent(accountId: string, granted: boolean) {
    if (granted) this.withoutConsent.delete(accountId);
    else this.withoutConsent.add(accountId);
  }

  install() {
    const g = globalThis as any;
    g.__forge_runtime__ = {
      proxy: { token: 'local-host', url: 'http://local-host' },
      container: { appCodeDir: appCodeDirWithLocales() },
      appContext: {
        appId: 'scrum-coach-local', appVersion: 'local', environmentId: 'local', environmentType: 'DEVELOPMENT',
        invocationId: 'local', installationId: 'local', moduleKey: 'local',
      },
      lambdaContext: { getRemainingTimeInMillis: () => RESOLVER_TIMEOUT_MS },
      metrics: { counter: () => ({ incr() {} }), timing: () => ({ measure: () => ({ stop() {} }) }) },
      tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: '0000000000000001' },
    };
    type Target = { type: string; provider?: string; remote?: string };
    g.__forge_fetch__ = (target: Target, path: string, init: RequestInit = {}) => {
      const platformApi = target.type === 'fpp' && target.remote === 'stargate';
      return platformApi ? this.fetchPlatform(target, path, init) : this.fetch(target, path, init);
    };
  }

  /** Atlassian platform APIs reached through `requestAtlassian` (remote 'stargate'): only personal data reporting. */
  private async fetchPlatform(target: { provider?: string }, path: string, init: RequestInit): Promise<Response> {
    if (path !== '/app/report-accounts' || target.provider !== 'app') {
      throw new Error(`The local host does not provide ${target.provider ?? ''} ${path} on the Atlassian platform API`);
    }
    const body = typeof init.body === 'string' && init.body ? JSON.parse(init.body) : undefined;
    return this.privacy.handle(init.method ?? 'GET', body);
  }

  private async fetch(target: { type: string; provider?: string; remote?: string }, path: string, init: RequestInit): Promise<Response> {
    if (target.type === 'kvs') {
      if (this.options.kvsLatencyMs) await new Promise((r) => setTimeout(r, Math.random() * this.options.kvsLatencyMs!));
      const body = typeof init.body === 'string' && init.body ? JSON.parse(init.body) : {};
      const [status, out] = this.store.handle(path, body);
      return new Response(out === undefined ? null : JSON.stringify(out), { status, headers: { 'content-type': 'application/json' } });
    }
    if (target.type === 'fpp' && target.remote === 'jira') {
      const invocation = current.getStore();
      const accountId = target.provider === 'user' ? invocation?.accountId : undefined;
      if (target.provider === 'user' && !accountId) throw new Error('asUser() was called outside of an invocation');
      if (accountId && this.withoutConsent.has(accountId)) {
        // Forge's proxy answers for a user without a grant; @forge/api turns this header into NeedsAuthenticationError.
        return new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
      }
      const headers = new Headers(init.headers);
      headers.set('authorization', this.jira.authorizationFor(accountId));
      // Marks the call as the app's, the way Forge's proxy knows it: the emulator then holds it to the app's scopes.
      headers.set(FORGE_PROXY_AUTHORIZATION, forgeProxyAuthorization({
        as: accountId ? 'user' : 'app', invocationId: invocation?.invocationId ?? 'none', accountId,
      }));
      headers.set('accept', headers.get('accept') ?? 'application/json');
      return fetch(this.jira.baseUrl + path, { ...init, headers });
    }
    throw new Error(`The local host does not provide ${target.type}/${target.remote ?? ''}`);
  }

  /**
   * Call the resolver as Forge would for an `invoke` from Custom UI: a payload over the request limit
   * is refused before the function runs; the function is stopped after 25 s; an answer over the
   * response limit reaches the caller as an error (the function's writes have happened by then).
   */
  async invoke(handler: Handler, functionKey: string, payload: unknown, accountId: string, context: ForgeContext): Promise<unknown> {
    const requestBytes = jsonBytes(payload);
    if (requestBytes > INVOCATION_LIMITS.requestPayloadBytes) {
      const limit = INVOCATION_LIMITS.requestPayloadBytes;
      const problem = `The payload of '${functionKey}' is ${requestBytes} bytes; the limit is ${limit}`;
      throw new InvocationError('PAYLOAD_TOO_LARGE', problem);
    }
    const run = () => handler({ call: { functionKey, payload }, context }, { principal: { accountId } });
    const invocation = current.run({ accountId, moduleKey: context.moduleKey, invocationId: randomUUID() }, run);
    const result = await withTimeout(invocation, INVOCATION_LIMITS.resolverTimeoutMs, `Resolver '${functionKey}'`);
    const responseBytes = jsonBytes(result);
    if (responseBytes > INVOCATION_LIMITS.responsePayloadBytes) {
      const limit = INVOCATION_LIMITS.responsePayloadBytes;
      const problem = `The response of '${functionKey}' is ${responseBytes} bytes; the limit is ${limit}`;
      throw new InvocationError('RESPONSE_TOO_LARGE', problem);
    }
    return result;
  }

  /**
   * Run a scheduled-trigger function once, as Forge does: as the app, with no user (asUser() fails),
   * stopped after the trigger time limit (55 s by default, `timeoutSeconds` up to 900).
   */
  runScheduledTrigger(handler: TriggerHandler, moduleKey: string, timeoutSeconds?: number): Promise<unknown> {
    const limitMs = timeoutSeconds ? Math.min(timeoutSeconds, 900) * 1000 : INVOCATION_LIMITS.scheduledTriggerTimeoutMs;
    const event = { context: { cloudId: 'local', moduleKey } };
    const running = handler(event, { installContext: 'ari:cloud:jira::site/local' });
    return withTimeout(running, limitMs, `Scheduled trigger '${moduleKey}'`);
  }

  /**
   * The local host's schedule: run the trigger every `intervalMs` (one run at a time, like Forge, which
   * never overlaps runs of one trigger) until the returned stop() is called. Failures go to `onError`.
   */
  scheduleTrigger(
    handler: TriggerHandler, moduleKey: string, intervalMs: number,
    onError: (e: unknown) => void, timeoutSeconds?: number,
  ) {
    let running: Promise<unknown> | null = null;
    const timer = setInterval(() => {
      if (running) return;
      running = this.runScheduledTrigger(handler, moduleKey, timeoutSeconds)
        .catch(onError)
        .finally(() => { running = null; });
    }, intervalMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }
}

/** Bytes of a value as JSON on the wire (undefined sends nothing). */
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '');

/** The work, or an InvocationError once `ms` have passed; the timer never outlives the work. */
async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationError('TIMEOUT', `${what} timed out after ${ms / 1000}s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
