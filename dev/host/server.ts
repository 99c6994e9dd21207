/**
 * The local Forge host. It plays Jira's part around a Custom UI app:
 *  - a host page with a user switcher, a module switcher and a theme/locale picker, showing the app in a
 *    sandboxed iframe and answering its bridge commands (postMessage);
 *  - the app's built Custom UI on a second origin (Forge's CDN in the cloud), every response carrying the
 *    Content-Security-Policy @forge/csp computes, with the bridge's frame half loaded before the bundle;
 *  - `POST /__host/invoke`, which runs the *real* resolver handler through the ForgeRuntime shim;
 *  - an embedded Jira emulator (demo site) or, with JIRA_SITE/JIRA_EMAIL/JIRA_API_TOKEN, a real site.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { ForgeRuntime, type ForgeContext, type JiraTarget } from './forgeRuntime';
import { localeBundle } from './locales';
import { KvsStore } from './kvsStore';
import { APP_AUTHORIZATION, DEMO_API_TOKEN, JiraEmulator } from '../jira/emulator';
import { MODULES, bridgeScript, hostPage, type AppFrame } from './pages';
import { forgeCsp, sandboxFlags } from './contentSecurityPolicy';
import { displayConditionsByModule, failedConditions } from './displayConditions';

export interface HostUser { accountId: string; displayName: string; role: string; email?: string }

export interface HostOptions {
  port?: number;
  /** Port of the Custom UI's own origin (0: any free port). */
  appPort?: number;
  /** The manifest whose permissions and display conditions apply (default: the app's manifest.yml). */
  manifestFile?: string;
  /** Built Custom UI folder (static/app/dist). */
  staticDir: string;
  store: KvsStore;
  /** Either an emulator (demo mode) or a real Jira site. */
  emulator?: JiraEmulator;
  realSite?: { url: string; email: string; token: string };
  handler: (event: any, runtime: any) => Promise<unknown>;
}

export interface RunningHost {
  /** The host page's origin (Jira's site in the cloud). */
  url: string;
  /** The Custom UI's origin, its entry page and the policy it is served with. */
  app: AppFrame & { url: string; csp: string };
  users: HostUser[];
  runtime: ForgeRuntime;
  close(): Promise<void>;
}

const MANIFEST_FILE = join(__dirname, '..', '..', 'manifest.yml');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.map': 'application/json',
};

export async function startHost(options: HostOptions): Promise<RunningHost> {
  let jira: JiraTarget;
  let users: HostUser[];
  let siteUrl: string;
  if (options.realSite) {
    const { url, email, token } = options.realSite;
    const auth = `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
    jira = { baseUrl: url.replace(/\/$/, ''), authorizationFor: () => auth };
    const me = await (await fetch(`${jira.baseUrl}/rest/api/3/myself`, { headers: { authorization: auth, accept: 'application/json' } })).json() as { accountId: string; displayName: string };
    if (!me.accountId) throw new Error(`Could not sign in to ${url} as ${email}: check JIRA_EMAIL and JIRA_API_TOKEN.`);
    users = [{ accountId: me.accountId, displayName: me.displayName, role: `API token user on ${url}` }];
    siteUrl = jira.baseUrl;
  } else if (options.emulator) {
    const emu = options.emulator;
    if (!emu.baseUrl) await emu.listen();
    const byId = new Map(emu.site.users.map((u) => [u.accountId, u]));
    jira = {
      baseUrl: emu.baseUrl,
      authorizationFor: (accountId) => {
        if (accountId === undefined) return APP_AUTHORIZATION; // asApp(): the app's own account
        const u = byId.get(accountId);
        if (!u) throw new Error(`Unknown demo user ${accountId}`);
        return `Basic ${Buffer.from(`${u.email}:${DEMO_API_TOKEN}`).toString('base64')}`;
      },
    };
    users = emu.site.users.map((u) => ({ accountId: u.accountId, displayName: u.displayName, role: u.role, email: u.email }));
    siteUrl = emu.baseUrl;
  } else {
    throw new Error('startHost needs an emulator or a real site');
  }

  const runtime = new ForgeRuntime(jira, options.store);
  runtime.install();
  /** Invocations still running: close() lets them finish before Jira and the store go away. */
  const inFlight = new Set<Promise<unknown>>();

  const server: Server = createServer((req, res) => {
    route(req, res).catch((e) => send(res, 500, { error: (e as Error).message }));
  });
  const appServer: Server = createServer((req, res) => {
    try {
      routeApp(req, res);
    } catch (e) {
      send(res, 500, { error: (e as Error).message }, appHeaders());
    }
  });
  const indexHtml = join(options.staticDir, 'index.html');
  if (!existsSync(indexHtml)) throw new Error(`No built Custom UI at ${indexHtml}: run npm run build first.`);
  // Every local user stands for a Jira Software user (the demo site has no other product licences).
  const manifestFile = options.manifestFile ?? MANIFEST_FILE;
  const conditions = displayConditionsByModule(manifestFile);
  const modules = MODULES.map((m) => {
    const context = { extension: m.extension, hasSoftwareAccess: true };
    return { ...m, failedConditions: failedConditions(conditions.get(m.moduleKey), context) };
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => appServer.listen(options.appPort ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const appOrigin = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
  // Computed once, like Forge at deploy: from manifest.yml and the built index.html, for this host page.
  const csp = forgeCsp(manifestFile, indexHtml, url);
  const entry = '/app/index.html';
  const app = { origin: appOrigin, entry, sandbox: sandboxFlags(csp), url: `${appOrigin}${entry}`, csp };
  const appHeaders = () => ({ 'content-security-policy': csp, 'cache-control': 'no-store' });

  /** The Custom UI's origin: the static build, the bridge's frame half and __LOCALES__, all under the CSP. */
  function routeApp(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://app').pathname;
    if (req.method !== 'GET') return send(res, 405, { error: 'Forge serves Custom UI read-only' }, appHeaders());
    if (path === '/__host/bridge.js') return sendText(res, 200, bridgeScript(url), MIME['.js'], appHeaders());
    if (path.startsWith('/app/__LOCALES__/')) return serveLocales(res, path.slice('/app/__LOCALES__/'.length));
    if (path.startsWith('/app/')) return serveStatic(res, path.slice('/app/'.length) || 'index.html');
    return send(res, 404, { error: `Not found: ${path}` }, appHeaders());
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://host');
    if (req.method === 'GET' && url.pathname === '/') return sendText(res, 200, hostPage(users, modules, app), MIME['.html']);
    if (req.method === 'GET' && url.pathname === '/__host/users') return send(res, 200, users);
    if (req.method === 'POST' && url.pathname === '/__host/invoke') return invoke(req, res);
    if (req.method === 'GET' && url.pathname.startsWith('/browse/')) {
      const key = decodeURIComponent(url.pathname.slice('/browse/'.length));
      return sendText(res, 200, `<!doctype html><meta charset=utf-8><title>${escapeHtml(key)}</title><p>Jira would show issue <b>${escapeHtml(key)}</b> here (${escapeHtml(siteUrl)}/browse/${escapeHtml(key)}).</p>`, MIME['.html']);
    }
    return send(res, 404, { error: `Not found: ${url.pathname}` });
  }

  async function invoke(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: { functionKey?: unknown; payload?: unknown; accountId?: unknown; context?: ForgeContext };
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return send(res, 400, { error: 'invalid JSON' }); }
    const accountId = String(body.accountId ?? '');
    if (!users.some((u) => u.accountId === accountId)) return send(res, 403, { error: 'unknown user' });
    if (typeof body.functionKey !== 'string') return send(res, 400, { error: 'functionKey is required' });
    const running = runtime.invoke(options.handler, body.functionKey, body.payload ?? {}, accountId, body.context ?? { moduleKey: 'unknown', extension: {} });
    inFlight.add(running);
    try {
      send(res, 200, { result: await running });
    } catch (e) {
      // Forge rejects invoke() when the function itself fails (timeout, crash); the bridge does the same.
      // NEEDS_AUTHENTICATION_ERR (asUser() without the person's consent) is where Forge shows its consent prompt.
      const needsAuthentication = (e as Error).name === 'NEEDS_AUTHENTICATION_ERR';
      send(res, 200, { error: (e as Error).message, ...(needsAuthentication ? { needsAuthentication } : {}) });
    } finally {
      inFlight.delete(running);
    }
  }

  function serveLocales(res: ServerResponse, file: string) {
    const text = localeBundle().get(file);
    if (text === undefined) return send(res, 404, { error: `No translations in ${file}` }, appHeaders());
    return sendText(res, 200, text, MIME['.json'], appHeaders());
  }

  function serveStatic(res: ServerResponse, rel: string) {
    const file = normalize(join(options.staticDir, rel));
    if (!file.startsWith(normalize(options.staticDir)) || !existsSync(file) || !statSync(file).isFile()) {
      return send(res, 404, { error: `No such file ${rel}. Did the Custom UI build run (npm run build)?` }, appHeaders());
    }
    let content: string | Buffer = readFileSync(file);
    if (rel === 'index.html') {
      // The bridge must exist before any @forge/bridge code runs: put it first in <head>. Like the
      // script Forge's CDN adds, it is a file from an allowed origin, so the policy stays as computed.
      content = content.toString('utf8').replace('<head>', '<head><script src="/__host/bridge.js"></script>');
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', ...appHeaders() });
    res.end(content);
  }

  return {
    url, app, users, runtime,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const appClosed = new Promise<void>((resolve) => appServer.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections?.();
      appServer.closeAllConnections?.();
      await Promise.all([closed, appClosed]);
      options.store.flush();
      await options.emulator?.close();
    },
  };
}

type Headers = Record<string, string>;
function send(res: ServerResponse, status: number, body: unknown, headers: Headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
function sendText(res: ServerResponse, status: number, text: string, type: string, headers: Headers = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(text);
}
export function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
