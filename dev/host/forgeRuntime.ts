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
import { FORGE_PROXY_AUTHORIZATION, forgeProxyAuthorization } from '../jira/scopes';

export const RESOLVER_TIMEOUT_MS = 25_000;

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

type Handler = (event: { call: { functionKey: string; payload: unknown }; context: unknown }, runtime: { principal: { accountId: string } }) => Promise<unknown>;

export interface RuntimeOptions {
  /** Up to this many ms of random delay per KVS call, so concurrent invocations interleave as they do against the real, networked KVS. */
  kvsLatencyMs?: number;
}

export class ForgeRuntime {
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
    g.__forge_fetch__ = (target: { type: string; provider?: string; remote?: string }, path: string, init: RequestInit = {}) =>
      this.fetch(target, path, init);
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

  /** Call the resolver as Forge would for an `invoke` from Custom UI; enforces the 25 s limit. */
  async invoke(handler: Handler, functionKey: string, payload: unknown, accountId: string, context: ForgeContext): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Resolver '${functionKey}' timed out after ${RESOLVER_TIMEOUT_MS / 1000}s`)), RESOLVER_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        current.run(
          { accountId, moduleKey: context.moduleKey, invocationId: randomUUID() },
          () => handler({ call: { functionKey, payload }, context }, { principal: { accountId } }),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
