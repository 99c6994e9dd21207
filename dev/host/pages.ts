/** The host page (switchers + iframe) and the bridge script injected into the Custom UI. */
import type { HostUser } from './server';

export interface ModuleChoice {
  id: string;
  label: string;
  moduleKey: string;
  extension: Record<string, unknown>;
  /** Display conditions of the module that fail here (filled in by the host at start): then Jira shows nothing. */
  failedConditions?: string[];
}

/** Where the app shows up in Jira, with demo-site contexts (see manifest.yml for the module keys). */
export const MODULES: ModuleChoice[] = [
  { id: 'project-HAR', label: 'Project page — Harbor (HAR)', moduleKey: 'scrum-coach-project-page', extension: { type: 'jira:projectPage', project: { id: '10001', key: 'HAR', type: 'software' } } },
  { id: 'project-FAL', label: 'Project page — Falcon (FAL)', moduleKey: 'scrum-coach-project-page', extension: { type: 'jira:projectPage', project: { id: '10002', key: 'FAL', type: 'software' } } },
  { id: 'sprint-HAR', label: 'Sprint action — Harbor board, active sprint', moduleKey: 'scrum-coach-sprint-action', extension: { type: 'jira:sprintAction', board: { id: 1, type: 'scrum' }, sprint: { id: 11 }, project: { key: 'HAR' } } },
  { id: 'backlog-HAR', label: 'Backlog action — Harbor board', moduleKey: 'scrum-coach-backlog-action', extension: { type: 'jira:backlogAction', board: { id: 1, type: 'scrum' }, project: { key: 'HAR' } } },
  { id: 'issue-HAR', label: 'Issue panel — HAR-19 (carried over several sprints)', moduleKey: 'scrum-coach-issue-panel', extension: { type: 'jira:issuePanel', issue: { key: 'HAR-19', id: '10018', type: 'Story' }, project: { key: 'HAR', id: '10001', type: 'software' } } },
  { id: 'issue-backlog', label: 'Issue panel — a backlog item (HAR-60)', moduleKey: 'scrum-coach-issue-panel', extension: { type: 'jira:issuePanel', issue: { key: 'HAR-60' }, project: { key: 'HAR', id: '10001', type: 'software' } } },
  { id: 'project-MKT', label: 'Project page — Marketing (MKT), a business project', moduleKey: 'scrum-coach-project-page', extension: { type: 'jira:projectPage', project: { id: '10009', key: 'MKT', type: 'business' } } },
  { id: 'global', label: 'Global page — Coach view', moduleKey: 'scrum-coach-global-page', extension: { type: 'jira:globalPage' } },
];

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe to place inside an inline <script> (no `</script>` can end it early). */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** Where the Custom UI lives: its own origin (Forge's CDN in the cloud), entry page and sandbox flags. */
export interface AppFrame { origin: string; entry: string; sandbox: string }

/**
 * Jira's part: the page that embeds the app. It owns the context (user, module, theme, locale) and
 * answers the bridge commands the app's iframe sends it with postMessage, the way Jira's Forge host does.
 */
export function hostPage(users: HostUser[], modules: ModuleChoice[], app: AppFrame): string {
  const userOptions = users.map((u) => `<option value="${esc(u.accountId)}">${esc(u.displayName)} — ${esc(u.role)}</option>`).join('');
  const moduleOptions = modules.map((m) => `<option value="${esc(m.id)}">${esc(m.label)}</option>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scrum Coach — local Forge host</title>
<style>
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; background: #f7f8f9; color: #172b4d; }
  header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 8px 16px; background: #0c66e4; color: #fff; }
  header b { margin-right: 8px; }
  label { display: flex; gap: 6px; align-items: center; }
  select { font: inherit; padding: 2px 4px; max-width: 360px; }
  iframe { border: 0; width: 100%; height: calc(100vh - 48px); background: transparent; display: block; }
  #flags { position: fixed; right: 16px; bottom: 16px; display: flex; flex-direction: column; gap: 8px; }
  #flags div { background: #fff; color: #172b4d; border-radius: 4px; box-shadow: 0 4px 8px rgba(9,30,66,.25); padding: 8px 12px; max-width: 360px; }
</style></head>
<body>
<header><b>Scrum Coach · local Forge host</b>
  <label>User <select id="user">${userOptions}</select></label>
  <label>Module <select id="module">${moduleOptions}</select></label>
  <label>Theme <select id="theme"><option value="light">Light</option><option value="dark">Dark</option></select></label>
  <label>Language <select id="locale"><option value="en-US">English</option><option value="nl-NL">Nederlands</option></select></label>
</header>
<main id="stage"></main>
<div id="flags" role="status" aria-live="polite"></div>
<script>
  const modules = ${scriptJson(modules)};
  const APP = ${scriptJson(app)};
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  for (const k of ['user', 'module', 'theme', 'locale']) if (params.get(k)) $(k).value = params.get(k);
  /** The mounted app: its iframe, the context it was given and whether it asked for theming. */
  let mounted = null;

  function themeState() {
    const colorMode = $('theme').value === 'dark' ? 'dark' : 'light';
    return { colorMode: colorMode, light: 'light', dark: 'dark', spacing: 'spacing' };
  }

  function load() {
    const m = modules.find((x) => x.id === $('module').value) || modules[0];
    const context = {
      accountId: $('user').value, cloudId: 'local-cloud', localId: m.moduleKey + '-local', moduleKey: m.moduleKey,
      extension: m.extension, locale: $('locale').value, timezone: 'Europe/Amsterdam', siteUrl: location.origin,
      environmentType: 'DEVELOPMENT', theme: themeState()
    };
    const here = new URLSearchParams({ user: $('user').value, module: m.id, theme: $('theme').value, locale: $('locale').value });
    history.replaceState(null, '', '/?' + here);
    if (m.failedConditions && m.failedConditions.length) return notShown(m);
    // A fresh iframe per module, as Jira mounts one: answers to an earlier app can never reach this one.
    const frame = document.createElement('iframe');
    frame.id = 'app';
    frame.title = 'Scrum Coach';
    frame.setAttribute('sandbox', APP.sandbox);
    frame.src = APP.origin + APP.entry;
    $('stage').replaceChildren(frame);
    mounted = { frame: frame, context: context, theming: false };
  }

  /** Jira leaves a module out where its display conditions fail; the host says why instead. */
  function notShown(m) {
    const notice = document.createElement('p');
    notice.id = 'not-shown';
    notice.setAttribute('role', 'status');
    notice.style.padding = '16px';
    const reasons = m.failedConditions.join('; ');
    notice.textContent = 'Jira would not show ' + m.label + ' here: its display conditions fail (' + reasons + ').';
    $('stage').replaceChildren(notice);
    mounted = null;
  }

  /** Jira changes theme without reloading apps: an app that enabled theming is told the new theme. */
  function changeTheme() {
    if (!mounted || !mounted.theming) return load();
    mounted.context.theme = themeState();
    mounted.frame.contentWindow.postMessage({ type: 'forge-theme', theme: themeState() }, APP.origin);
    const here = new URLSearchParams(location.search);
    here.set('theme', $('theme').value);
    history.replaceState(null, '', '/?' + here);
  }

  for (const k of ['user', 'module', 'locale']) $(k).addEventListener('change', load);
  $('theme').addEventListener('change', changeTheme);

  function urlOf(p) {
    if (typeof p === 'string') return p;
    if (p && p.url) return p.url;
    if (p && p.target === 'issue') return '/browse/' + encodeURIComponent(p.issueKey);
    return '/';
  }

  function showFlag(flag) {
    const d = document.createElement('div');
    d.textContent = (flag.title || '') + (flag.description ? ' — ' + flag.description : '');
    $('flags').appendChild(d);
    setTimeout(() => d.remove(), 6000);
  }

  /** Module types Jira shows in a modal dialog: only those can be closed by the app (view.close). */
  const MODAL_TYPES = ['jira:sprintAction', 'jira:backlogAction', 'jira:boardAction'];

  /** Jira's answer to view.close(): the dialog goes away (its iframe with it); false if not a dialog. */
  function closeModal() {
    if (!MODAL_TYPES.includes(mounted.context.extension.type)) return false;
    const m = modules.find((x) => x.id === $('module').value) || modules[0];
    const notice = document.createElement('p');
    notice.id = 'closed';
    notice.setAttribute('role', 'status');
    notice.style.padding = '16px';
    notice.textContent = m.label + ' was closed by the app (view.close). ';
    const again = document.createElement('button');
    again.textContent = 'Open again';
    again.addEventListener('click', load);
    notice.appendChild(again);
    $('stage').replaceChildren(notice);
    mounted = null;
    return true;
  }

  async function invoke(payload) {
    const ctx = mounted.context;
    const res = await fetch('/__host/invoke', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ functionKey: payload.functionKey, payload: payload.payload, accountId: ctx.accountId,
        context: { moduleKey: ctx.moduleKey, localId: ctx.localId, cloudId: ctx.cloudId, extension: ctx.extension } }),
    });
    const out = await res.json();
    if (out.error) throw new Error(out.error);
    return out.result;
  }

  /** One bridge command from the app, answered as Jira's Forge host answers it. */
  async function answer(cmd, payload) {
    switch (cmd) {
      case 'invoke': return invoke(payload);
      case 'getContext': return mounted.context;
      case 'enableTheming':
        mounted.theming = true;
        return mounted.context.theme;
      case 'navigate': case 'open': {
        const url = urlOf(payload);
        if (payload && payload.type === 'same-tab') location.assign(url);
        else window.open(url, '_blank', 'noopener');
        return undefined;
      }
      case 'getUrl': return new URL(urlOf(payload), location.origin).toString();
      case 'close': return closeModal();
      case 'showFlag': showFlag(payload || {}); return undefined;
      case 'closeFlag': case 'emitReadyEvent': case 'changeWindowTitle': case 'resize': return undefined;
      case 'createHistory': return { action: 'POP', location: { pathname: '/', search: '', hash: '', state: null } };
      default:
        console.warn('local host: bridge command not emulated:', cmd);
        return undefined;
    }
  }

  window.addEventListener('message', async (e) => {
    // Only the app's own origin, from the iframe mounted now, may call the bridge.
    if (!mounted || e.origin !== APP.origin || e.source !== mounted.frame.contentWindow) return;
    const call = e.data;
    if (!call || call.type !== 'forge-bridge-call') return;
    const reply = { type: 'forge-bridge-result', id: call.id };
    try {
      reply.result = await answer(call.cmd, call.payload);
    } catch (err) {
      reply.error = String((err && err.message) || err);
    }
    e.source.postMessage(reply, APP.origin);
  });
  load();
</script>
</body></html>`;
}

/**
 * The in-iframe half of the bridge, served from the app's origin (an inline script would break the
 * CSP): defines globalThis.__bridge.callBridge, which forwards each command to the host page with
 * postMessage and accepts answers only from that page's origin. Calls are kept in window.__hostCalls.
 */
export function bridgeScript(hostOrigin: string): string {
  return `(function () {
  var HOST_ORIGIN = ${JSON.stringify(hostOrigin)};
  var pending = new Map();
  var nextId = 1;
  var themingEnabled = false;
  window.__hostCalls = [];

  // What Forge's frame does once theming is on: the host's color mode on <html>, kept in step with Jira.
  function applyTheme(theme) {
    if (theme && theme.colorMode) document.documentElement.setAttribute('data-color-mode', theme.colorMode);
  }

  window.addEventListener('message', function (e) {
    if (e.source !== window.parent || e.origin !== HOST_ORIGIN || !e.data) return;
    if (e.data.type === 'forge-theme') {
      if (themingEnabled) applyTheme(e.data.theme);
      return;
    }
    if (e.data.type !== 'forge-bridge-result' || !pending.has(e.data.id)) return;
    var waiting = pending.get(e.data.id);
    pending.delete(e.data.id);
    if (e.data.error !== undefined) waiting.reject(new Error(e.data.error));
    else waiting.resolve(e.data.result);
  });

  function ask(cmd, payload) {
    var id = nextId++;
    // Only data crosses frames (functions such as flag actions are dropped), as with JSON.
    var data = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
    return new Promise(function (resolve, reject) {
      pending.set(id, { resolve: resolve, reject: reject });
      window.parent.postMessage({ type: 'forge-bridge-call', id: id, cmd: cmd, payload: data }, HOST_ORIGIN);
    });
  }

  /** A history object around the location the host reports; its methods cannot cross frames. */
  function historyFrom(answer) {
    var listeners = [];
    var history = {
      action: answer.action,
      location: answer.location,
      push: function (to) { go('PUSH', to); },
      replace: function (to) { go('REPLACE', to); },
      listen: function (fn) {
        listeners.push(fn);
        return function () { listeners = listeners.filter(function (l) { return l !== fn; }); };
      }
    };
    function go(action, to) {
      history.action = action;
      history.location = { pathname: String(to), search: '', hash: '', state: null };
      listeners.forEach(function (l) { l(history.location, action); });
    }
    return history;
  }

  async function callBridge(cmd, payload) {
    window.__hostCalls.push({ cmd: cmd, payload: payload });
    var result = await ask(cmd, payload);
    if (cmd === 'enableTheming') {
      themingEnabled = true;
      applyTheme(result);
      return undefined;
    }
    if (cmd === 'createHistory') return historyFrom(result);
    return result;
  }
  globalThis.__bridge = { callBridge: callBridge };
})();`;
}
