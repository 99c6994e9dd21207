/**
 * Test harness: the demo site in a Jira emulator, a fresh local KVS store, the Forge runtime shim
 * and (optionally) the local host — the same pieces `npm start` uses.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JiraEmulator, type EmulatorOptions } from '../../dev/jira/emulator';
import type { Site } from '../../dev/jira/site';
import { KvsStore } from '../../dev/host/kvsStore';
import { ForgeRuntime, type RuntimeOptions } from '../../dev/host/forgeRuntime';
import { startHost, type RunningHost } from '../../dev/host/server';
import { APP_AUTHORIZATION, DEMO_API_TOKEN } from '../../dev/jira/emulator';
import { manifestScopes } from '../../dev/jira/scopes';
import { loadFunctionHandler } from './forgeBundle';

/** The resolver function as Forge runs it: from the @forge/bundler bundle (SC_BACKEND=source: from src/). */
export const resolverFunction = loadFunctionHandler('resolver');
const handler = resolverFunction.handler;

export const ROOT = join(__dirname, '..', '..');
export const DEMO_SITE_PATH = join(ROOT, 'dev', 'fixtures', 'demo-site.json');
export const demoSite = (): Site => JSON.parse(readFileSync(DEMO_SITE_PATH, 'utf8'));

/** The emulator holds the app's calls to the scopes manifest.yml grants, unless a test says otherwise. */
const withAppScopes = (options: EmulatorOptions): EmulatorOptions => ({ appScopes: manifestScopes(), ...options });

export const user = (site: Site, name: string) => {
  const u = site.users.find((x) => x.displayName.startsWith(name));
  if (!u) throw new Error(`no demo user ${name}`);
  return u.accountId;
};

export interface Backend {
  emulator: JiraEmulator;
  store: KvsStore;
  runtime: ForgeRuntime;
  /** Invoke a resolver as `accountId`, like Custom UI's invoke() would. */
  invoke<T = any>(functionKey: string, payload: unknown, accountId: string, extension?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export async function startBackend(site: Site = demoSite(), options: EmulatorOptions = {}, runtimeOptions: RuntimeOptions = {}): Promise<Backend> {
  const emulator = new JiraEmulator(site, withAppScopes(options));
  await emulator.listen();
  const store = new KvsStore(join(mkdtempSync(join(tmpdir(), 'sc-kvs-')), 'kvs.json'));
  const byId = new Map(site.users.map((u) => [u.accountId, u]));
  const runtime = new ForgeRuntime({
    baseUrl: emulator.baseUrl,
    // asApp() (no account id) signs in as the app's own account; asUser() as that demo user.
    authorizationFor: (id) => id === undefined
      ? APP_AUTHORIZATION
      : `Basic ${Buffer.from(`${byId.get(id)?.email ?? 'nobody'}:${DEMO_API_TOKEN}`).toString('base64')}`,
  }, store, runtimeOptions);
  runtime.install();
  return {
    emulator, store, runtime,
    invoke: (functionKey, payload, accountId, extension = {}) =>
      runtime.invoke(handler as never, functionKey, payload, accountId, { moduleKey: 'test', extension }) as never,
    close: () => emulator.close(),
  };
}

export async function startLocalHost(site: Site = demoSite(), options: EmulatorOptions = {}): Promise<RunningHost & { emulator: JiraEmulator; store: KvsStore }> {
  const emulator = new JiraEmulator(site, withAppScopes(options));
  const store = new KvsStore(join(mkdtempSync(join(tmpdir(), 'sc-kvs-')), 'kvs.json'));
  const host = await startHost({ staticDir: join(ROOT, 'static', 'app', 'dist'), store, emulator, handler: handler as never });
  return Object.assign(host, { emulator, store });
}
