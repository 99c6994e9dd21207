/**
 * `npm run bench`: request budgets and compute cost of the sprint report, and the UI bundle size.
 * Prints counts and ratios; nothing here is a pass/fail test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEMO_USERS, STATUSES } from '../dev/jira/generate';
import { FIELD, type ChangeItem, type Site, type SiteIssue, type SiteSprint } from '../dev/jira/site';
import { computeSprintFacts, type BoardModel, type IssueInput } from '../src/domain/sprintFacts';
import { VISIBILITY_CHUNK } from '../src/jira/visibility';
import { ROOT, startBackend, startLocalHost } from '../tests/support/harness';
import { launchBrowser } from '../tests/support/browser';
import { en } from '../tests/support/i18n';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

/** One board whose sprint `id 1` holds n issues (plus n/50 removed mid-sprint), and `extraSprints` more closed sprints. */
function syntheticSite(n: number, extraSprints = 0): Site {
  const start = Date.UTC(2026, 0, 5, 9);
  const sprints: SiteSprint[] = Array.from({ length: 1 + extraSprints }, (_, i) => ({
    id: i + 1, boardId: 1, name: `Sprint ${i + 1}`, state: 'closed', goal: '',
    startDate: iso(start + i * 14 * DAY), endDate: iso(start + i * 14 * DAY + 11 * DAY), completeDate: iso(start + i * 14 * DAY + 11 * DAY),
  }));
  const issues: SiteIssue[] = [];
  const st = (i: number) => STATUSES[i];
  const sprintItem = (from: string | null, to: string | null): ChangeItem => ({ field: 'Sprint', fieldId: FIELD.sprint, fieldtype: 'custom', from, fromString: from, to, toString: to });
  const statusItem = (a: number, b: number): ChangeItem => ({ field: 'status', fieldId: 'status', fieldtype: 'jira', from: st(a).id, fromString: st(a).name, to: st(b).id, toString: st(b).name });
  for (const sprint of sprints) {
    const t0 = Date.parse(sprint.startDate!);
    const count = sprint.id === 1 ? n : 40;
    const removed = sprint.id === 1 ? Math.max(1, Math.floor(n / 50)) : 1;
    for (let k = 0; k < count + removed; k++) {
      const id = issues.length + 10000;
      const gone = k >= count;
      const done = !gone && k % 3 !== 0;
      issues.push({
        id: String(id), key: `BEN-${id}`, projectKey: 'HAR', issueType: k % 7 === 0 ? 'Bug' : 'Story', summary: `Item ${k}`, description: null,
        reporterId: DEMO_USERS[1].accountId, assigneeId: null, created: iso(t0 - 5 * DAY), updated: iso(t0 + 5 * DAY), resolutiondate: done ? iso(t0 + 4 * DAY) : null,
        labels: [], parentKey: null, rank: `0|b${String(id).padStart(8, '0')}:`, statusId: done ? st(3).id : st(1).id, storyPoints: (k % 5) + 1,
        sprintIds: gone ? [] : [sprint.id], flagged: false, links: [], properties: {},
        changelog: [
          { id: `${id}1`, created: iso(t0 - DAY), authorId: DEMO_USERS[0].accountId, items: [sprintItem(null, String(sprint.id))] },
          { id: `${id}2`, created: iso(t0 + DAY), authorId: DEMO_USERS[2].accountId, items: [statusItem(0, 1)] },
          ...(done ? [{ id: `${id}3`, created: iso(t0 + 4 * DAY), authorId: DEMO_USERS[2].accountId, items: [statusItem(1, 3)] }] : []),
          ...(gone ? [{ id: `${id}4`, created: iso(t0 + 2 * DAY), authorId: DEMO_USERS[1].accountId, items: [sprintItem(String(sprint.id), null)] }] : []),
        ],
      });
    }
  }
  return {
    name: 'bench', generatedAt: iso(start), statuses: STATUSES, users: DEMO_USERS,
    projects: [{ id: '10001', key: 'HAR', name: 'Harbor' }],
    boards: [{ id: 1, name: 'Bench board', projectKey: 'HAR', filterId: 1, estimation: { type: 'field', fieldId: FIELD.storyPoints, displayName: 'Story point estimate' },
      columns: [{ name: 'To Do', statusIds: ['10000'] }, { name: 'In Progress', statusIds: ['3'] }, { name: 'In Review', statusIds: ['10001'] }, { name: 'Done', statusIds: ['10002'] }] }],
    sprints, issues, comments: [],
  };
}

async function requestBudgets() {
  console.log('\n== Jira requests for one closed sprint (cold cache) ==');
  console.log('N issues | total | auth | list pages | changelog calls | other | budget ceil(N/100)+ceil(N/1000)+ceil(M/500)+4, M issues in the report | naive per-issue | naive/ours');
  for (const n of [50, 500, 5000]) {
    const backend = await startBackend(syntheticSite(n));
    const sanne = DEMO_USERS[0].accountId;
    // Field discovery is cached in KVS for a day: warm it, as any site but a brand-new install has.
    const { kvs } = await import('@forge/kvs');
    await kvs.set('site:fields:v1', { sprint: FIELD.sprint, flagged: FIELD.flagged, rank: FIELD.rank });
    backend.emulator.resetCounts();
    const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: 1 }, sanne);
    if (!res.ok) throw new Error(en(res.error.message));
    const e = backend.emulator;
    const total = e.requests.length;
    const auth = e.requests.filter((r) => r.path === '/rest/agile/1.0/board/1' || r.path === '/rest/api/3/mypermissions').length;
    const lists = e.count('/rest/software/1.0/');
    const changelogs = e.count('/rest/api/3/changelog/bulkfetch');
    const other = total - auth - lists - changelogs;
    // A closed sprint loads as the app, then one id-only search per 500 of its issues (removed ones too)
    // asks which of them the caller may see.
    const budget = Math.ceil(n / 100) + Math.ceil(n / 1000) + Math.ceil(res.data.issues.length / VISIBILITY_CHUNK) + 4;
    // The naive way: list pages, then GET /issue/{id}/changelog for each issue (at least one call each).
    const naive = Math.ceil(n / 100) + n + other + auth;
    console.log(`${String(n).padStart(8)} | ${String(total).padStart(5)} | ${String(auth).padStart(4)} | ${String(lists).padStart(10)} | ${String(changelogs).padStart(15)} | ${String(other).padStart(5)} | ${String(budget).padStart(68)} (data requests: ${total - auth}) | ${String(naive).padStart(15)} | ${(naive / total).toFixed(1)}x`);
    await backend.close();
  }
}

async function warmLoad() {
  console.log('\n== 20 closed sprints: cold then warm (closed-sprint facts cached in KVS) ==');
  const backend = await startBackend(syntheticSite(40, 19));
  const sanne = DEMO_USERS[0].accountId;
  for (const pass of ['cold', 'warm']) {
    backend.emulator.resetCounts();
    for (let id = 1; id <= 20; id++) {
      const res = await backend.invoke('getSprintFacts', { boardId: 1, sprintId: id }, sanne);
      if (!res.ok) throw new Error(en(res.error.message));
    }
    const e = backend.emulator;
    console.log(`${pass}: ${e.requests.length} requests, ${e.count('/rest/api/3/changelog/bulkfetch')} changelog calls, ${e.count('/rest/software/1.0/')} list pages, ${e.count('/rest/api/3/search/jql')} searches`);
  }
  await backend.close();
}

async function bigBacklog() {
  console.log('\n== Backlog of 5,000 items, Jira answering in 100 ms per request ==');
  const site = syntheticSite(30);
  const base = Date.parse(site.sprints[0].startDate!);
  for (let k = 0; k < 5000; k++) {
    const id = 50000 + k;
    site.issues.push({
      id: String(id), key: `HAR-${id}`, projectKey: 'HAR', issueType: 'Story', summary: `Backlog item ${k}`, description: null,
      reporterId: DEMO_USERS[1].accountId, assigneeId: null, created: iso(base - 30 * DAY), updated: iso(base), resolutiondate: null,
      labels: [], parentKey: null, rank: `0|z${String(k).padStart(8, '0')}:`, statusId: '10000', storyPoints: (k % 8) + 1,
      sprintIds: [], flagged: false, links: [], properties: {}, changelog: [],
    });
  }
  const backend = await startBackend(site, { latencyMs: 100 });
  const sanne = DEMO_USERS[0].accountId;
  const t0 = Date.now();
  let token: string | undefined;
  let calls = 0, items = 0, slowest = 0;
  do {
    const t = Date.now();
    const res = await backend.invoke('getBacklog', { boardId: 1, pages: 10, ...(token ? { pageToken: token } : {}) }, sanne);
    if (!res.ok) throw new Error(en(res.error.message));
    slowest = Math.max(slowest, Date.now() - t);
    items += res.data.items.length;
    token = res.data.nextPageToken ?? undefined;
    calls++;
  } while (token);
  console.log(`${items} items in ${calls} resolver calls; slowest call ${(slowest / 1000).toFixed(1)} s (limit 25 s, ratio ${(slowest / 25000).toFixed(2)}); all ${((Date.now() - t0) / 1000).toFixed(1)} s; ${backend.emulator.requests.length} Jira requests`);
  await backend.close();
}

/** `teams` boards, each with `sprints` closed sprints + 1 active of `perSprint` issues, and a coach who sees them all. */
function multiTeamSite(teams: number, sprints: number, perSprint: number): Site {
  const start = Date.UTC(2025, 0, 6, 9);
  const coach = { accountId: '712020:bench-coach', displayName: 'Bench Coach', email: 'coach@bench.example', browse: [] as string[], role: 'coach' };
  const site: Site = { name: 'bench-teams', generatedAt: iso(start), statuses: STATUSES, users: [coach], projects: [], boards: [], sprints: [], issues: [], comments: [] };
  const sprintItem = (from: string | null, to: string | null): ChangeItem => ({ field: 'Sprint', fieldId: FIELD.sprint, fieldtype: 'custom', from, fromString: from, to, toString: to });
  const statusItem = (a: number, b: number): ChangeItem => ({ field: 'status', fieldId: 'status', fieldtype: 'jira', from: STATUSES[a].id, fromString: STATUSES[a].name, to: STATUSES[b].id, toString: STATUSES[b].name });
  for (let t = 0; t < teams; t++) {
    const key = `T${String.fromCharCode(65 + t)}`;
    coach.browse.push(key);
    site.projects.push({ id: String(20000 + t), key, name: `Team ${key}` });
    site.boards.push({ id: t + 1, name: `Team ${key} board`, projectKey: key, filterId: 100 + t, estimation: { type: 'field', fieldId: FIELD.storyPoints, displayName: 'Story point estimate' },
      columns: [{ name: 'To Do', statusIds: ['10000'] }, { name: 'In Progress', statusIds: ['3'] }, { name: 'In Review', statusIds: ['10001'] }, { name: 'Done', statusIds: ['10002'] }] });
    for (let k = 0; k <= sprints; k++) {
      const id = (t + 1) * 1000 + k;
      const t0 = start + k * 14 * DAY;
      const active = k === sprints;
      site.sprints.push({ id, boardId: t + 1, name: `${key} Sprint ${k + 1}`, state: active ? 'active' : 'closed', goal: 'Ship',
        startDate: iso(t0), endDate: iso(t0 + 11 * DAY), ...(active ? {} : { completeDate: iso(t0 + 11 * DAY) }) });
      for (let n = 0; n < perSprint; n++) {
        const num = site.issues.length + 1;
        const done = !active && n % 4 !== 0;
        site.issues.push({
          id: String(100000 + num), key: `${key}-${num}`, projectKey: key, issueType: n % 5 === 0 ? 'Bug' : 'Story', summary: `Item ${num}`, description: null,
          reporterId: coach.accountId, assigneeId: null, created: iso(t0 - 3 * DAY), updated: iso(t0 + 4 * DAY), resolutiondate: done ? iso(t0 + 4 * DAY) : null,
          labels: [], parentKey: null, rank: `0|t${String(num).padStart(8, '0')}:`, statusId: done ? '10002' : '3', storyPoints: (n % 5) + 1,
          sprintIds: [id], flagged: false, links: [], properties: {},
          changelog: [
            { id: `${num}1`, created: iso(t0 - DAY), authorId: coach.accountId, items: [sprintItem(null, String(id))] },
            { id: `${num}2`, created: iso(t0 + DAY), authorId: coach.accountId, items: [statusItem(0, 1)] },
            ...(done ? [{ id: `${num}3`, created: iso(t0 + 4 * DAY), authorId: coach.accountId, items: [statusItem(1, 3)] }] : []),
          ],
        });
      }
    }
  }
  return site;
}

async function coachScale() {
  console.log('\n== Coach view: 10 teams × 26 sprints (12 issues each), Jira answering in 50 ms ==');
  const site = multiTeamSite(10, 26, 12);
  const backend = await startBackend(site, { latencyMs: 50 });
  const coach = site.users[0].accountId;
  const { kvs } = await import('@forge/kvs');
  await kvs.set('site:fields:v1', { sprint: FIELD.sprint, flagged: FIELD.flagged, rank: FIELD.rank });
  const teams: { boardId: number; sprintIds: number[] }[] = [];
  let slowest = 0, calls = 0;
  const t0 = Date.now();
  for (const b of site.boards) {
    const s = await backend.invoke('getCoachSprints', { boardId: b.id, window: 26 }, coach);
    const ids = s.data.sprints.map((x: { id: number }) => x.id);
    teams.push({ boardId: b.id, sprintIds: ids });
    for (let i = 0; i < ids.length; i += 8) {
      const t = Date.now();
      const r = await backend.invoke('getTeamSeries', { boardId: b.id, sprintIds: ids.slice(i, i + 8) }, coach);
      if (!r.ok) throw new Error(en(r.error.message));
      slowest = Math.max(slowest, Date.now() - t);
      calls++;
    }
  }
  console.log(`cold: ${calls} series calls, slowest ${(slowest / 1000).toFixed(1)} s (limit 25 s), all ${((Date.now() - t0) / 1000).toFixed(1)} s, ${backend.emulator.requests.length} Jira requests`);
  backend.emulator.resetCounts();
  await backend.invoke('getSprintFacts', { boardId: 1, sprintId: 1026 }, coach);
  const activeCost = backend.emulator.requests.length;
  backend.emulator.resetCounts();
  const t1 = Date.now();
  const warm = await backend.invoke('getCoachPatterns', { teams }, coach);
  if (!warm.ok) throw new Error(en(warm.error.message));
  const warmRequests = backend.emulator.requests.length;
  console.log(`warm patterns call: ${warmRequests} Jira requests vs budget 10 × (active sprint cost ${activeCost} + 1 visibility search) = ${10 * (activeCost + 1)}, ratio ${(warmRequests / (10 * (activeCost + 1))).toFixed(2)}; ${((Date.now() - t1) / 1000).toFixed(1)} s; ${warm.data.patterns.length} patterns (${Object.entries(warm.data.patterns.reduce((n: Record<string, number>, p: { kind: string }) => ({ ...n, [p.kind]: (n[p.kind] ?? 0) + 1 }), {})).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  await backend.close();
}

function computeCost() {
  console.log('\n== Domain compute: 10,000 issues over 50 sprints ==');
  const board: BoardModel = { id: 1, name: 'B', projectKey: 'P', estimation: { kind: 'field', fieldId: 'sp', label: 'SP' },
    columns: [{ name: 'To Do', statusIds: ['1'] }, { name: 'Doing', statusIds: ['3'] }, { name: 'Done', statusIds: ['5'] }] };
  const start = Date.UTC(2025, 0, 6, 9);
  const issues: IssueInput[] = [];
  for (let i = 0; i < 10_000; i++) {
    const s = 1 + (i % 50);
    const t0 = start + (s - 1) * 14 * DAY;
    const next = s < 50 && i % 4 === 0 ? `${s}, ${s + 1}` : String(s);
    issues.push({
      id: String(i), key: `P-${i}`, summary: '', type: 'Story', isSubtask: false, created: new Date(t0 - 3 * DAY).toISOString(), reporterId: null, labels: [],
      current: { sprint: next, estimate: String((i % 8) + 1), status: i % 4 === 0 ? '3' : '5', flagged: null },
      changes: [
        { at: t0 - DAY, field: 'sprint', from: null, to: String(s) },
        { at: t0 + DAY, field: 'status', from: '1', to: '3' },
        { at: t0 + 2 * DAY, field: 'estimate', from: String(i % 8), to: String((i % 8) + 1) },
        ...(i % 4 ? [{ at: t0 + 5 * DAY, field: 'status' as const, from: '3', to: '5' }] : [{ at: t0 + 11 * DAY, field: 'sprint' as const, from: String(s), to: next }]),
      ],
    });
  }
  const sprints = Array.from({ length: 50 }, (_, k) => ({ id: k + 1, name: `S${k + 1}`, state: 'closed' as const, goal: '',
    startDate: new Date(start + k * 14 * DAY).toISOString(), completeDate: new Date(start + k * 14 * DAY + 11 * DAY).toISOString() }));
  const t = process.hrtime.bigint();
  let checksum = 0;
  // Every sprint sees all 10,000 issues: the worst case, where the domain must filter them itself.
  for (const s of sprints) checksum += computeSprintFacts(board, s, issues, Date.now()).totals.completed.count;
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(`50 sprints × 10,000 candidate issues: ${ms.toFixed(0)} ms total, ${(ms / 50).toFixed(1)} ms a sprint (completed issues counted: ${checksum})`);
}

function bundleSize() {
  console.log('\n== Custom UI bundle (static/app/dist), gzip ==');
  const dist = join(ROOT, 'static', 'app', 'dist');
  let manifest: Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>;
  try { manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')); } catch { console.log('not built: run npm run build first'); return; }
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  // Everything a chunk needs before it runs: itself and its static imports, transitively.
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const k of manifest[key].imports ?? []) closure(k, seen);
    return seen;
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)!;
  const initial = closure(entryKey);
  const kib = (keys: Set<string>) => ([...keys].reduce((n, k) => n + (k.endsWith('.js') || manifest[k].file.endsWith('.js') ? gz(manifest[k].file) : 0), 0) / 1024);
  console.log(`first load (sprint facts, issue panel): ${kib(initial).toFixed(1)} KiB JS (target ≤ 244 KiB = 250 KB)`);
  for (const view of ['RetroPanel', 'RefinementPanel', 'StakeholderMap', 'CoachView']) {
    const key = Object.keys(manifest).find((k) => k.endsWith(`views/${view}.tsx`));
    if (!key) continue;
    const all = closure(key, new Set(initial));
    console.log(`${view}: ${kib(all).toFixed(1)} KiB JS with the first load`);
  }
}

/** Time from navigation to the first panel showing real data, in headless Chromium against the local host. */
async function firstPaint() {
  console.log('\n== Load to first meaningful paint (headless Chromium, local host, demo site) ==');
  const host = await startLocalHost();
  const browser = await launchBrowser();
  const sanne = host.users.find((u) => u.displayName.startsWith('Sanne'))!.accountId;
  const clara = host.users.find((u) => u.displayName.startsWith('Clara'))!.accountId;
  for (const [label, module, who, testId] of [['Sprint facts (project page)', 'project-HAR', sanne, 'sprint-facts'], ['Issue panel', 'issue-HAR', sanne, 'issue-sprints'], ['Coach view (team picker)', 'global', clara, 'coach']] as const) {
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const page = await browser.newPage();
      const t = Date.now();
      await page.goto(`${host.url}/?${new URLSearchParams({ user: who, module })}`);
      await page.frameLocator('#app').getByTestId(testId).waitFor({ timeout: 60_000 });
      times.push(Date.now() - t);
      await page.close();
    }
    console.log(`${label}: ${times.map((x) => `${x} ms`).join(', ')} (the first run computes and caches; later ones reuse)`);
  }
  await browser.close();
  await host.close();
}

(async () => {
  await firstPaint();
  await requestBudgets();
  await warmLoad();
  await bigBacklog();
  await coachScale();
  computeCost();
  bundleSize();
})().catch((e) => { console.error(e); process.exit(1); });
