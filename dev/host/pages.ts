/** The host page (switchers + iframe) and the bridge script injected into the Custom UI. */
import type { HostUser } from './server';

export interface ModuleChoice {
  id: string;
  label: string;
  moduleKey: string;
  extension: Record<string, unknown>;
}

/** Where the app shows up in Jira, with demo-site contexts (see manifest.yml for the module keys). */
export const MODULES: ModuleChoice[] = [
  { id: 'project-HAR', label: 'Project page — Harbor (HAR)', moduleKey: 'scrum-coach-project-page', extension: { type: 'jira:projectPage', project: { id: '10001', key: 'HAR', type: 'software' } } },
  { id: 'project-FAL', label: 'Project page — Falcon (FAL)', moduleKey: 'scrum-coach-project-page', extension: { type: 'jira:projectPage', project: { id: '10002', key: 'FAL', type: 'software' } } },
  { id: 'sprint-HAR', label: 'Sprint action — Harbor board, active sprint', moduleKey: 'scrum-coach-sprint-action', extension: { type: 'jira:sprintAction', board: { id: 1, type: 'scrum' }, sprint: { id: 11 }, project: { key: 'HAR' } } },
  { id: 'backlog-HAR', label: 'Backlog action — Harbor board', moduleKey: 'scrum-coach-backlog-action', extension: { type: 'jira:backlogAction', board: { id: 1, type: 'scrum' }, project: { key: 'HAR' } } },
  { id: 'issue-HAR', label: 'Issue panel — HAR-19 (carried over several sprints)', moduleKey: 'scrum-coach-issue-panel', extension: { type: 'jira:issuePanel', issue: { key: 'HAR-19', id: '10018', type: 'Story' }, project: { key: 'HAR', id: '10001' } } },
  { id: 'issue-backlog', label: 'Issue panel — a backlog item (HAR-60)', moduleKey: 'scrum-coach-issue-panel', extension: { type: 'jira:issuePanel', issue: { key: 'HAR-60' }, project: { key: 'HAR', id: '10001' } } },
  { id: 'global', label: 'Global page — Coach view', moduleKey: 'scrum-coach-global-page', extension: { type: 'jira:globalPage' } },
];

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function hostPage(users: HostUser[], modules: ModuleChoice[]): string {
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
<iframe id="app" title="Scrum Coach"></iframe>
<div id="flags" role="status" aria-live="polite"></div>
<script>
  const modules = ${JSON.stringify(modules)};
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  for (const k of ['user', 'module', 'theme', 'locale']) if (params.get(k)) $(k).value = params.get(k);
  function load() {
    const m = modules.find((x) => x.id === $('module').value) || modules[0];
    const ctx = { moduleKey: m.moduleKey, extension: m.extension, theme: $('theme').value, locale: $('locale').value };
    const q = new URLSearchParams({ user: $('user').value, ctx: btoa(unescape(encodeURIComponent(JSON.stringify(ctx)))) });
    $('app').src = '/app/index.html?' + q;
    const here = new URLSearchParams({ user: $('user').value, module: m.id, theme: $('theme').value, locale: $('locale').value });
    history.replaceState(null, '', '/?' + here);
  }
  for (const k of ['user', 'module', 'theme', 'locale']) $(k).addEventListener('change', load);
  window.addEventListener('message', (e) => {
    if (e.origin !== location.origin || !e.data || e.data.type !== 'forge-flag') return;
    const d = document.createElement('div');
    d.textContent = (e.data.flag.title || '') + (e.data.flag.description ? ' — ' + e.data.flag.description : '');
    $('flags').appendChild(d);
    setTimeout(() => d.remove(), 6000);
  });
  load();
</script>
</body></html>`;
}

/**
 * Runs in the app iframe before the bundle: defines globalThis.__bridge.callBridge the way Jira's
 * iframe host does, answering from the context the host page put in the URL.
 */
export function bridgeScript(): string {
  return `(function () {
  var params = new URLSearchParams(location.search);
  var ctx = {};
  try { ctx = JSON.parse(decodeURIComponent(escape(atob(params.get('ctx') || 'e30=')))); } catch (e) {}
  var accountId = params.get('user') || '';
  var colorMode = ctx.theme === 'dark' ? 'dark' : 'light';
  var localId = (ctx.moduleKey || 'module') + '-local';
  var context = {
    accountId: accountId, cloudId: 'local-cloud', localId: localId, moduleKey: ctx.moduleKey, extension: ctx.extension || {},
    locale: ctx.locale || 'en-US', timezone: 'Europe/Amsterdam', siteUrl: location.origin, environmentType: 'DEVELOPMENT',
    theme: { colorMode: colorMode }
  };
  window.__hostCalls = [];
  function urlOf(p) {
    if (typeof p === 'string') return p;
    if (p && p.url) return p.url;
    if (p && p.target === 'issue') return '/browse/' + encodeURIComponent(p.issueKey);
    return '/';
  }
  async function callBridge(cmd, payload) {
    window.__hostCalls.push({ cmd: cmd, payload: payload });
    switch (cmd) {
      case 'invoke': {
        var res = await fetch('/__host/invoke', { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ functionKey: payload.functionKey, payload: payload.payload, accountId: accountId,
            context: { moduleKey: context.moduleKey, localId: localId, cloudId: context.cloudId, extension: context.extension } }) });
        var out = await res.json();
        if (out.error) throw new Error(out.error);
        return out.result;
      }
      case 'getContext': return JSON.parse(JSON.stringify(context));
      case 'enableTheming':
        document.documentElement.setAttribute('data-color-mode', colorMode);
        return undefined;
      case 'navigate': case 'open':
        window.open(urlOf(payload), payload && payload.type === 'same-tab' ? '_top' : '_blank', 'noopener');
        return undefined;
      case 'getUrl': return new URL(urlOf(payload), location.origin).toString();
      case 'showFlag':
        parent.postMessage({ type: 'forge-flag', flag: payload }, location.origin);
        return undefined;
      case 'closeFlag': case 'emitReadyEvent': case 'changeWindowTitle': case 'resize': return undefined;
      case 'createHistory': return { action: 'POP', location: { pathname: '/', search: '', hash: '', state: null }, push: function () {}, replace: function () {}, listen: function () { return function () {}; } };
      default:
        console.warn('local host: bridge command not emulated:', cmd);
        return undefined;
    }
  }
  globalThis.__bridge = { callBridge: callBridge };
})();`;
}
