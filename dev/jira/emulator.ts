/**
 * A Jira Cloud emulator: a real HTTP server that answers the REST endpoints Scrum Coach calls,
 * from a site fixture, the way Jira does — per-user permissions, token paging, JQL, 404s for
 * what a user may not see. It can inject 429/5xx and latency, counts requests and can record
 * every exchange so contract tests can check both sides against Atlassian's OpenAPI specs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import {
  FIELD, WRITE_PERMISSIONS, type ChangeHistory, type Site, type SiteBoard, type SiteIssue, type SiteIssueType,
  type SiteProject, type SiteSprint, type SiteUser, type WritePermission,
} from './site';
import { JqlError, checkFields, evaluate, namedIssueKeys, parseJql } from './jql';
import { IndexLag } from './indexLag';
import { FORGE_PROXY_AUTHORIZATION, findOperation, parseForgeProxyAuthorization, scopesAllow } from './scopes';

export const DEMO_API_TOKEN = 'demo-token';

/**
 * The app's own account, which `api.asApp()` reaches: like a Forge app user that was granted every
 * project and put in every issue security level. Its credential is not a person's API token.
 */
export const APP_ACCOUNT_ID = '557058:scrum-coach-app';
export const APP_AUTHORIZATION = 'Bearer scrum-coach-local-app';

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export interface Exchange {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

export interface Fault {
  /** An HTTP error, or `reset`: the connection drops before any answer (a network failure). */
  status: 429 | 500 | 502 | 503 | 504 | 'reset';
  retryAfterSeconds?: number;
  /** A 429's RateLimit-Reason; default the per-second burst limit. */
  reason?: RateLimitReason;
  /** Only a request whose path starts with this fails; others pass it by. */
  path?: string;
  /** Only a request with this method fails (a create, not the create metadata read before it). */
  method?: string;
  /**
   * The fault comes after the handler did its work (a gateway timeout behind which Jira created the issue):
   * the change stays, the caller sees only the failure.
   */
  after?: boolean;
}

/** Jira Cloud's RateLimit-Reason values: the hourly points quotas, the per-second burst limit, per-issue writes. */
export type RateLimitReason =
  | 'jira-quota-tenant-based' | 'jira-quota-global-based' | 'jira-burst-based' | 'jira-per-issue-on-write';

/** Seconds an app's request sent while its quota is spent adds to the wait: retrying early only lengthens it. */
export const QUOTA_EARLY_RETRY_PENALTY_SECONDS = 60;

export interface EmulatorOptions {
  /** Delay before each response, to model network and Jira latency. */
  latencyMs?: number;
  /** Fraction of requests (0..1) that fail with a random 429/5xx; deterministic per seed. */
  faultRate?: number;
  /** Fraction of writes (any method but GET) answered 502/504 after the handler did its work; same seed. */
  afterFaultRate?: number;
  faultSeed?: number;
  /** Keep the (mutated) site on disk, so created issues and ranks survive a restart. */
  statePath?: string;
  /**
   * The scopes the installed app was granted (manifest.yml permissions.scopes). Given, the emulator
   * also plays Forge's proxy and Atlassian's API gateway: a request that the Forge runtime shim marks
   * as the app's must have one of its operation's scope sets, as Jira Cloud demands of an app's token.
   * Not given, the emulator is only a site reached with API tokens (as in real-site tests), and no
   * scope applies — a person's Basic call with an (unscoped) API token is not scope-checked on Jira Cloud either.
   */
  appScopes?: readonly string[];
  /**
   * How long (ms) a write takes to reach Jira's search index (see indexLag.ts). Jira documents the
   * lag but no number ("seconds to minutes"); 0, the default, keeps tests fast and consistent.
   */
  indexDelayMs?: number;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) { super(message); }
}

/** Atlassian's gateway, not Jira, refuses an app's token that lacks the operation's scopes: its own body shape. */
class ScopeMismatch extends Error {
  readonly body = { code: 401, message: 'Unauthorized; scope does not match' };
}

type Handler = (ctx: Ctx) => unknown | Promise<unknown>;
interface Ctx {
  user: SiteUser;
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  res: ServerResponse;
}

const SPRINT_CUSTOM = 'com.pyxis.greenhopper.jira:gh-sprint';

export class JiraEmulator {
  readonly site: Site;
  baseUrl = '';
  /** Every request: method, path and status, in order. */
  readonly requests: { method: string; path: string; status: number }[] = [];
  exchanges: Exchange[] | null = null;
  private readonly pending: Fault[] = [];
  private server: Server | null = null;
  private readonly routes: { method: string; re: RegExp; keys: string[]; template: string; fn: Handler }[] = [];
  private faultState: number;
  private saveTimer: NodeJS.Timeout | null = null;
  private readonly appScopes: ReadonlySet<string> | null;
  private quota: { until: number; reason: RateLimitReason } = { until: 0, reason: 'jira-quota-tenant-based' };
  readonly indexLag: IndexLag;

  constructor(site: Site, readonly options: EmulatorOptions = {}) {
    this.site = site;
    this.appScopes = options.appScopes ? new Set(options.appScopes) : null;
    this.faultState = options.faultSeed ?? 1;
    this.indexLag = new IndexLag(options.indexDelayMs ?? 0);
    this.defineRoutes();
  }

  static fromFile(path: string, options: EmulatorOptions = {}) {
    return new JiraEmulator(JSON.parse(readFileSync(path, 'utf8')) as Site, options);
  }

  /** The next matching requests fail with these statuses, in order. */
  injectFaults(...faults: Fault[]) { this.pending.push(...faults); }

  /**
   * The app's hourly points quota on this site is spent for `seconds`: every app request (Forge's
   * proxy header; API-token traffic has no quota) answers 429 until then, and each one sent early
   * pushes the end further out, as Jira Cloud does. 0 lifts it.
   */
  spendQuota(seconds: number, reason: RateLimitReason = 'jira-quota-tenant-based') {
    this.quota = { until: Date.now() + seconds * 1000, reason };
  }
  setFaultRate(rate: number) { this.options.faultRate = rate; }
  setAfterFaultRate(rate: number) { this.options.afterFaultRate = rate; }
  setLatency(ms: number) { this.options.latencyMs = ms; }
  resetCounts() { this.requests.length = 0; if (this.exchanges) this.exchanges.length = 0; }
  recordExchanges() { this.exchanges = []; }
  count(pathPrefix = '') { return this.requests.filter((r) => r.path.startsWith(pathPrefix)).length; }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    const addr = this.server.address() as AddressInfo;
    this.baseUrl = `http://${host}:${addr.port}`;
    return this.baseUrl;
  }

  async close() {
    if (this.saveTimer) { clearTimeout(this.saveTimer); this.persist(); }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  userByEmail(email: string) { return this.site.users.find((u) => u.email === email); }

  /** The endpoints this emulator serves, as method and path template. */
  endpoints() { return this.routes.map(({ method, template }) => ({ method, template })); }

  // ---- plumbing -------------------------------------------------------------------------------

  private route(method: string, template: string, fn: Handler) {
    const keys: string[] = [];
    const re = new RegExp('^' + template.replace(/\{(\w+)\}/g, (_, k) => { keys.push(k); return '([^/]+)'; }) + '$');
    this.routes.push({ method, re, keys, template, fn });
  }

  private nextRandom() {
    // xorshift32: deterministic fault injection for reproducible resilience tests.
    let x = this.faultState;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.faultState = x >>> 0;
    return this.faultState / 4294967296;
  }

  private authenticate(req: IncomingMessage): SiteUser {
    const header = req.headers.authorization ?? '';
    if (header === APP_AUTHORIZATION) return this.appUser();
    const m = /^Basic (.+)$/.exec(header);
    if (!m) throw new HttpError(401, 'Client must be authenticated to access this resource.');
    const [email, token] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
    const user = this.userByEmail(email);
    if (!user || token !== DEMO_API_TOKEN) throw new HttpError(401, 'Client must be authenticated to access this resource.');
    return user;
  }

  /**
   * An app's request (marked by the runtime shim with Forge's proxy header) passes only when the app
   * holds every scope of one of its operation's alternatives; an operation neither spec knows has none,
   * and Atlassian's gateway answers such a path with the same 401. The person the header names must be
   * the one the Basic credentials authenticate: the shim sends both, for the same user.
   */
  private checkAppScopes(req: IncomingMessage, method: string, path: string, user: SiteUser) {
    const header = req.headers[FORGE_PROXY_AUTHORIZATION];
    if (!this.appScopes || typeof header !== 'string') return;
    const proxy = parseForgeProxyAuthorization(header);
    if (!proxy || (proxy.as === 'user' && proxy.accountId !== user.accountId)) {
      throw new HttpError(401, 'Client must be authenticated to access this resource.');
    }
    const operation = findOperation(method, path);
    if (!operation || !scopesAllow(operation, this.appScopes)) throw new ScopeMismatch();
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = undefined;
    let status = 200;
    let out: unknown;
    let afterFault: Fault | undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json;charset=UTF-8' };
    try {
      if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
      const pendingAt = this.pending
        .findIndex((f) => (!f.path || url.pathname.startsWith(f.path)) && (!f.method || f.method === method));
      const fault = (pendingAt >= 0 ? this.pending.splice(pendingAt, 1)[0] : undefined) ?? (this.options.faultRate && this.nextRandom() < this.options.faultRate
        ? { status: this.nextRandom() < 0.6 ? 429 : 503, retryAfterSeconds: 1 } as Fault : undefined)
        ?? this.randomAfterFault(method);
      // A fault `after` the work is answered below, once the handler has run.
      afterFault = fault?.after ? fault : undefined;
      const before = fault?.after ? undefined : fault;
      if (before?.status === 'reset') {
        this.requests.push({ method, path: url.pathname, status: 0 });
        req.socket.destroy();
        return;
      }
      if (typeof req.headers[FORGE_PROXY_AUTHORIZATION] === 'string' && this.quota.until > Date.now()) {
        this.quota.until += QUOTA_EARLY_RETRY_PENALTY_SECONDS * 1000;
        const seconds = Math.ceil((this.quota.until - Date.now()) / 1000);
        Object.assign(headers, rateLimitHeaders(this.quota.reason, seconds));
        throw new HttpError(429, 'Rate limit exceeded.');
      }
      if (before) {
        if (before.status === 429) {
          Object.assign(headers, rateLimitHeaders(before.reason ?? 'jira-burst-based', before.retryAfterSeconds ?? 1));
        }
        throw new HttpError(before.status, faultMessage(before.status));
      }
      if (raw) {
        try { body = JSON.parse(raw); } catch { throw new HttpError(400, 'Request body is not valid JSON.'); }
      }
      const user = this.authenticate(req);
      this.checkAppScopes(req, method, url.pathname, user);
      const match = this.routes.find((r) => r.method === method && r.re.test(url.pathname));
      if (!match) throw new HttpError(404, `No emulated endpoint ${method} ${url.pathname}`);
      const values = match.re.exec(url.pathname)!.slice(1).map(decodeURIComponent);
      const params = Object.fromEntries(match.keys.map((k, i) => [k, values[i]]));
      out = await match.fn({ user, params, query: url.searchParams, body, res });
      if (res.statusCode !== 200) status = res.statusCode;
    } catch (e) {
      if (e instanceof ScopeMismatch) {
        status = 401;
        out = e.body;
      } else if (e instanceof HttpError) {
        status = e.status;
        out = { errorMessages: [e.message], errors: {}, ...e.extra };
      } else if (e instanceof JqlError) {
        status = 400;
        out = { errorMessages: [e.message], errors: {} };
      } else {
        status = 500;
        out = { errorMessages: [`Internal error: ${(e as Error).message}`], errors: {} };
      }
    }
    if (afterFault) {
      // The work is done (or failed on its own); the caller learns neither.
      if (afterFault.status === 'reset') {
        this.requests.push({ method, path: url.pathname, status: 0 });
        req.socket.destroy();
        return;
      }
      status = afterFault.status;
      if (status === 429) {
        Object.assign(headers, rateLimitHeaders(afterFault.reason ?? 'jira-burst-based', afterFault.retryAfterSeconds ?? 1));
      }
      out = { errorMessages: [faultMessage(status)], errors: {} };
    }
    this.requests.push({ method, path: url.pathname, status });
    this.exchanges?.push({ method, path: url.pathname, query: queryObject(url.searchParams), requestBody: body, status, responseBody: out });
    if (out === undefined) { res.writeHead(status === 200 ? 204 : status, headers); res.end(); return; }
    res.writeHead(status, headers);
    res.end(JSON.stringify(out));
  }

  /** A 502 or 504 after the work, for `afterFaultRate` of the writes. */
  private randomAfterFault(method: string): Fault | undefined {
    const rate = this.options.afterFaultRate;
    if (!rate || method === 'GET' || this.nextRandom() >= rate) return undefined;
    return { status: this.nextRandom() < 0.5 ? 502 : 504, after: true };
  }

  private scheduleSave() {
    if (!this.options.statePath || this.saveTimer) return;
    this.saveTimer = setTimeout(() => { this.saveTimer = null; this.persist(); }, 200);
  }

  private persist() {
    if (!this.options.statePath) return;
    const tmp = `${this.options.statePath}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.site));
    renameSync(tmp, this.options.statePath);
  }

  // ---- visibility -----------------------------------------------------------------------------

  /** The app's account: browses every project (as of now); in every security level but those that say not. */
  private appUser(): SiteUser {
    return {
      accountId: APP_ACCOUNT_ID, displayName: 'Scrum Coach', email: '', role: 'Forge app',
      browse: this.site.projects.map((p) => p.key),
    };
  }

  private canBrowse(user: SiteUser, projectKey: string) { return user.browse.includes(projectKey); }

  /** The global "Browse users and groups" permission (USER_PICKER): held unless the site says not; the app has it. */
  private mayBrowseUsers(user: SiteUser) { return user.browseUsers !== false; }

  /** A write permission: only where the user may browse, and on the projects it lists when the site lists any. */
  private mayWrite(user: SiteUser, projectKey: string, permission: WritePermission) {
    if (!this.canBrowse(user, projectKey)) return false;
    const granted = user.writes?.[permission];
    return !granted || granted.includes(projectKey);
  }

  /**
   * Jira's rule for one issue: Browse Projects on its project and, when it has a security level,
   * membership of that level. An issue naming an unknown level is hidden (Jira never fails open).
   */
  private canSeeIssue(user: SiteUser, issue: SiteIssue) {
    if (!this.canBrowse(user, issue.projectKey)) return false;
    if (!issue.securityLevelId) return true;
    const level = this.site.securityLevels?.find((l) => l.id === issue.securityLevelId);
    if (!level) return false;
    if (user.accountId === APP_ACCOUNT_ID) return level.appMember !== false;
    return level.memberAccountIds.includes(user.accountId);
  }

  private visibleIssues(user: SiteUser) { return this.site.issues.filter((i) => this.canSeeIssue(user, i)); }

  /** What search and the software lists see: the index's copies, except issues the search reconciles. */
  private indexedIssues(user: SiteUser, reconcile: ReadonlySet<string> = new Set()) {
    return this.indexLag.view(this.site.issues, reconcile).filter((i) => this.canSeeIssue(user, i));
  }

  /** A write made elsewhere in Jira (a person, a sprint completing): the index learns of it late too. */
  changeIssue(idOrKey: string, change: (issue: SiteIssue) => void) {
    const issue = this.issueByIdOrKey(idOrKey);
    if (!issue) throw new Error(`No issue ${idOrKey}`);
    this.indexLag.willWrite(issue.id, issue);
    change(issue);
  }

  /** An issue this user may see; any other (absent or hidden) is 404, as Jira does not tell them apart. */
  private visibleIssue(user: SiteUser, idOrKey: string, message = ISSUE_NOT_FOUND) {
    const issue = this.issueByIdOrKey(idOrKey);
    if (!issue || !this.canSeeIssue(user, issue)) throw new HttpError(404, message);
    return issue;
  }
  private issueByIdOrKey(idOrKey: string) { return this.site.issues.find((i) => i.id === idOrKey || i.key === idOrKey); }

  /** Projects whose issues a board's filter shows: its location unless the site says otherwise. */
  private filterProjects(board: SiteBoard) { return board.filterProjectKeys ?? [board.projectKey]; }

  /**
   * Jira shows a board only to those who may see its filter: by default the filter is shared with the
   * location project's members; a site may share it with other projects or with named people only.
   */
  private canSeeBoard(user: SiteUser, board: SiteBoard) {
    const shares = board.filterShares;
    if (!shares) return this.canBrowse(user, board.projectKey);
    return (shares.projectKeys ?? []).some((key) => this.canBrowse(user, key))
      || (shares.accountIds ?? []).includes(user.accountId);
  }

  /**
   * A board's sprints as Jira lists them: its own and every sprint holding an issue its filter shows
   * the user (a sprint of another team's board, say), closed first, then active, then future, each
   * in the order they were made (id) — Jira's sprint sequence unless future sprints were reordered.
   */
  private boardSprints(user: SiteUser, board: SiteBoard) {
    const projects = this.filterProjects(board);
    const shown = new Set(this.site.issues
      .filter((i) => projects.includes(i.projectKey) && this.canSeeIssue(user, i))
      .flatMap((i) => i.sprintIds));
    const order = { closed: 0, active: 1, future: 2 } as const;
    return this.site.sprints.filter((s) => s.boardId === board.id || shown.has(s.id))
      .sort((a, c) => order[a.state] - order[c.state] || a.id - c.id);
  }

  private board(user: SiteUser, id: string) {
    const board = this.site.boards.find((b) => String(b.id) === id);
    if (!board || !this.canSeeBoard(user, board)) {
      throw new HttpError(404, `Board does not exist or you do not have permission to see it.`);
    }
    return board;
  }

  private sprint(user: SiteUser, id: string) {
    const sprint = this.site.sprints.find((s) => String(s.id) === id);
    const board = sprint && this.site.boards.find((b) => b.id === sprint.boardId);
    if (!sprint || !board || !this.canBrowse(user, board.projectKey)) {
      throw new HttpError(404, `Sprint with id ${id} does not exist or you do not have permission to see it.`);
    }
    return sprint;
  }

  // ---- representations ------------------------------------------------------------------------

  private userRef(accountId: string | null) {
    if (!accountId) return null;
    const u = this.site.users.find((x) => x.accountId === accountId);
    return {
      self: `${this.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
      accountId, accountType: 'atlassian', active: u?.active !== false, displayName: u?.displayName ?? 'Former user',
      timeZone: 'Europe/Amsterdam',
      avatarUrls: { '48x48': `${this.baseUrl}/avatar/${encodeURIComponent(accountId)}.png` },
    };
  }

  private sprintRef(s: SiteSprint) {
    return {
      id: s.id, self: `${this.baseUrl}/rest/agile/1.0/sprint/${s.id}`, state: s.state, name: s.name,
      ...(s.startDate ? { startDate: toAgileDate(s.startDate) } : {}),
      ...(s.endDate ? { endDate: toAgileDate(s.endDate) } : {}),
      ...(s.completeDate ? { completeDate: toAgileDate(s.completeDate) } : {}),
      originBoardId: s.boardId, goal: s.goal,
    };
  }

  /** Every field of an issue as `user` sees it: a parent or linked issue hidden from them is left out. */
  private allFields(i: SiteIssue, user: SiteUser): Record<string, unknown> {
    const status = this.site.statuses.find((s) => s.id === i.statusId)!;
    const project = this.site.projects.find((p) => p.key === i.projectKey)!;
    const sprints = i.sprintIds.map((id) => this.site.sprints.find((s) => s.id === id)!).filter(Boolean);
    const seen = (key: string) => {
      const other = this.issueByIdOrKey(key);
      return other && this.canSeeIssue(user, other) ? other : undefined;
    };
    const parent = i.parentKey ? seen(i.parentKey) : undefined;
    return {
      summary: i.summary,
      description: i.description,
      status: { self: `${this.baseUrl}/rest/api/3/status/${status.id}`, id: status.id, name: status.name, statusCategory: { key: status.category, name: status.category === 'new' ? 'To Do' : status.category === 'done' ? 'Done' : 'In Progress' } },
      issuetype: { id: String(['Story', 'Bug', 'Task', 'Epic', 'Subtask'].indexOf(i.issueType) + 10001), name: i.issueType, subtask: i.issueType === 'Subtask', hierarchyLevel: i.issueType === 'Epic' ? 1 : i.issueType === 'Subtask' ? -1 : 0 },
      project: { id: project.id, key: project.key, name: project.name, self: `${this.baseUrl}/rest/api/3/project/${project.id}` },
      reporter: this.userRef(i.reporterId),
      assignee: this.userRef(i.assigneeId),
      created: i.created,
      updated: i.updated,
      resolutiondate: i.resolutiondate,
      labels: i.labels,
      parent: parent ? { id: parent.id, key: parent.key, fields: { summary: parent.summary, issuetype: { name: parent.issueType } } } : null,
      issuelinks: i.links.flatMap((l, n) => {
        // Jira leaves out links to issues hidden from the reader.
        if (this.issueByIdOrKey(l.key) && !seen(l.key)) return [];
        const other = seen(l.key);
        const ref = other ? { id: other.id, key: other.key, fields: { summary: other.summary, status: { name: this.site.statuses.find((s) => s.id === other.statusId)!.name, statusCategory: { key: this.site.statuses.find((s) => s.id === other.statusId)!.category } } } } : { key: l.key };
        const end = l.direction === 'inward' ? { inwardIssue: ref } : { outwardIssue: ref };
        return [{ id: `${i.id}${n}`, type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, ...end }];
      }),
      [FIELD.sprint]: sprints.length ? sprints.map((s) => ({ id: s.id, name: s.name, state: s.state, boardId: s.boardId, goal: s.goal, startDate: s.startDate, endDate: s.endDate, completeDate: s.completeDate })) : null,
      [FIELD.storyPoints]: i.storyPoints,
      [FIELD.flagged]: i.flagged ? [{ self: `${this.baseUrl}/rest/api/3/customFieldOption/10019`, value: 'Impediment', id: '10019' }] : null,
      [FIELD.rank]: i.rank,
      // Jira Software extras on /rest/software/1.0 lists:
      flagged: i.flagged,
      sprint: sprints.find((s) => s.state !== 'closed') ? this.sprintRef(sprints.find((s) => s.state !== 'closed')!) : null,
      closedSprints: sprints.filter((s) => s.state === 'closed').map((s) => this.sprintRef(s)),
    };
  }

  private issueBean(user: SiteUser, i: SiteIssue, fields: string[] | null, properties: string[] = []) {
    const all = this.allFields(i, user);
    const wanted = !fields || fields.includes('*all') || fields.includes('*navigable')
      ? all
      : Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]]));
    const bean: Record<string, unknown> = { expand: '', id: i.id, key: i.key, self: `${this.baseUrl}/rest/api/3/issue/${i.id}`, fields: wanted };
    if (properties.length) bean.properties = Object.fromEntries(properties.filter((p) => p in i.properties).map((p) => [p, i.properties[p]]));
    return bean;
  }

  /**
   * A /search/jql hit: only the id unless fields are asked for ("By default, this resource returns IDs
   * only"); key, self and fields come with any field other than `id` (asking for `key` gives the key).
   */
  private searchBean(user: SiteUser, i: SiteIssue, fields: string[] | null, properties: string[]) {
    const asked = (fields ?? ['id']).filter((f) => f !== 'id');
    if (asked.length) return this.issueBean(user, i, asked, properties);
    if (!properties.length) return { id: i.id };
    return { id: i.id, properties: Object.fromEntries(properties.filter((p) => p in i.properties).map((p) => [p, i.properties[p]])) };
  }

  private jqlView(i: SiteIssue) {
    const status = this.site.statuses.find((s) => s.id === i.statusId)!;
    return {
      get: (field: string): unknown => {
        switch (field) {
          case 'project': return [i.projectKey, this.site.projects.find((p) => p.key === i.projectKey)!.id];
          case 'sprint': return i.sprintIds.flatMap((id) => [String(id), this.site.sprints.find((s) => s.id === id)?.name ?? '']);
          case 'status': return [status.name, status.id];
          case 'statuscategory': return status.category === 'new' ? ['To Do', 'new'] : status.category === 'done' ? ['Done', 'done'] : ['In Progress', 'indeterminate'];
          case 'issuetype': case 'type': return i.issueType === 'Subtask' ? ['Subtask', 'Sub-task'] : i.issueType;
          case 'updated': return i.updated;
          case 'created': return i.created;
          case 'resolved': return i.resolutiondate;
          case 'key': case 'issuekey': return i.key;
          case 'id': return i.id;
          case 'reporter': return i.reporterId;
          case 'assignee': return i.assigneeId;
          case 'labels': return i.labels;
          case 'parent': return i.parentKey;
          case 'resolution': return status.category === 'done' ? 'Done' : null;
          case 'summary': case 'text': return i.summary;
          case 'rank': return i.rank;
          default: return null;
        }
      },
    };
  }

  private jqlFunctions(user: SiteUser) {
    const visibleSprints = this.site.sprints.filter((s) => this.canBrowse(user, this.site.boards.find((b) => b.id === s.boardId)!.projectKey));
    return {
      opensprints: visibleSprints.filter((s) => s.state === 'active' || s.state === 'future').map((s) => s.id),
      closedsprints: visibleSprints.filter((s) => s.state === 'closed').map((s) => s.id),
      futuresprints: visibleSprints.filter((s) => s.state === 'future').map((s) => s.id),
      currentuser: [user.accountId],
    };
  }

  /** Filter by JQL and order (rank by default), as every issue list on Jira does. */
  private runJql(user: SiteUser, issues: SiteIssue[], jql: string | null) {
    const parsed = parseJql(jql ?? '');
    checkFields(parsed);
    this.checkNamedKeys(user, parsed);
    const fns = this.jqlFunctions(user);
    const hits = issues.filter((i) => evaluate(parsed.where, this.jqlView(i), fns));
    const order = parsed.orderBy.length ? parsed.orderBy : [{ field: 'rank', desc: false }];
    return hits.sort((a, b) => {
      for (const o of order) {
        const av = String(this.jqlView(a).get(o.field) ?? ''), bv = String(this.jqlView(b).get(o.field) ?? '');
        const c = o.field === 'key' ? Number(a.id) - Number(b.id) : av.localeCompare(bv);
        if (c) return o.desc ? -c : c;
      }
      return Number(a.id) - Number(b.id);
    });
  }

  /**
   * /search/jql always validates strictly: a key that names no issue — or one this user may not see,
   * which Jira does not tell apart — fails the whole query with a 400 (Jira's own wording), where
   * an older, lenient search simply matched nothing. The app must not put keys it is unsure of into JQL.
   */
  private checkNamedKeys(user: SiteUser, parsed: ReturnType<typeof parseJql>) {
    for (const key of namedIssueKeys(parsed)) {
      // `key = 10001` names the issue by id, as Jira allows; anything else must be a key.
      const issue = this.issueByIdOrKey(key.toUpperCase());
      const named = issue && (/^\d+$/.test(key) ? issue.id === key : issue.key === key.toUpperCase());
      if (!issue || !named || !this.canSeeIssue(user, issue)) {
        throw new JqlError(`An issue with key '${key}' does not exist for field 'key'.`);
      }
    }
  }

  /** Token paging like Jira's newer endpoints: an opaque token, absent on the last page. */
  private tokenPage<T>(items: T[], token: string | null, maxResults: number) {
    const start = token ? decodeToken(token) : 0;
    const page = items.slice(start, start + maxResults);
    const next = start + maxResults < items.length ? encodeToken(start + maxResults) : undefined;
    return { page, next };
  }

  private issueList(ctx: Ctx, candidates: SiteIssue[], jql: string | null, maxCap = 100) {
    const fields = listParam(ctx.query, 'fields');
    const idOnly = !!fields && fields.every((f) => f === 'id' || f === 'key');
    const maxResults = clampInt(ctx.query.get('maxResults'), 50, idOnly ? 5000 : maxCap);
    const hits = this.runJql(ctx.user, candidates, jql);
    const { page, next } = this.tokenPage(hits, ctx.query.get('nextPageToken'), maxResults);
    return {
      expand: 'schema,names', issues: page.map((i) => this.issueBean(ctx.user, i, fields)),
      isLast: next === undefined, ...(next ? { nextPageToken: next } : {}),
    };
  }

  /**
   * Create issue's field checks, all at once as Jira reports them (field id → message): the summary
   * (one line, at most 255 characters), the type's required fields, an assignee who may be assigned
   * here (Browse on the project, as Jira's Assignable user needs) and a description in ADF.
   */
  private createFieldErrors(f: Record<string, any>, type: SiteIssueType, project: SiteProject) {
    const errors: Record<string, string> = {};
    if (typeof f.summary !== 'string' || !f.summary.trim()) errors.summary = 'You must specify a summary of the issue.';
    else if (/[\r\n]/.test(f.summary)) {
      errors.summary = 'The summary is invalid because it contains newline characters.';
    }
    else if (f.summary.length > 255) errors.summary = 'Summary must be less than 255 characters.';
    for (const field of type.required ?? []) {
      const value = f[field];
      const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length);
      if (empty) errors[field] = `${FIELD_NAMES[field] ?? field} is required.`;
    }
    const assignee = f.assignee?.accountId;
    if (assignee) {
      const person = this.site.users.find((u) => u.accountId === assignee);
      if (!person || !this.canBrowse(person, project.key)) {
        errors.assignee = `User '${assignee}' cannot be assigned issues.`;
      }
    }
    if (f.description != null && !isAdfDocument(f.description)) errors.description = ADF_INVALID;
    return errors;
  }

  // ---- endpoints ------------------------------------------------------------------------------

  private defineRoutes() {
    const r = this.route.bind(this);

    r('GET', '/rest/api/3/myself', ({ user }) => ({ ...this.userRef(user.accountId), emailAddress: user.email, locale: 'en_US' }));

    r('GET', '/rest/api/3/mypermissions', ({ user, query }) => {
      const wanted = (query.get('permissions') ?? '').split(',').filter(Boolean);
      if (!wanted.length) throw new HttpError(400, 'The permissions query parameter is required.');
      const projectKey = query.get('projectKey') ?? this.site.projects.find((p) => p.id === query.get('projectId'))?.key;
      if ((query.get('projectKey') || query.get('projectId')) && !projectKey) throw new HttpError(404, 'No project could be found with key or id.');
      const holds = (p: string) => {
        if (p === 'BROWSE_PROJECTS') return projectKey ? this.canBrowse(user, projectKey) : user.browse.length > 0;
        if (p === 'USER_PICKER') return this.mayBrowseUsers(user);
        const write = WRITE_PERMISSIONS.find((w) => w === p);
        if (!write) return false;
        // Without a project Jira says whether the user holds it on any project.
        if (projectKey) return this.mayWrite(user, projectKey, write);
        return user.browse.some((k) => this.mayWrite(user, k, write));
      };
      const permissions = Object.fromEntries(wanted.map((p) => [p, {
        id: PERMISSION_IDS[p] ?? '0', key: p, name: p.replace(/_/g, ' ').toLowerCase(),
        type: p === 'USER_PICKER' ? 'GLOBAL' : 'PROJECT', description: p,
        havePermission: holds(p),
      }]));
      return { permissions };
    });

    r('GET', '/rest/api/3/field', () => [
      { id: 'summary', key: 'summary', name: 'Summary', custom: false, orderable: true, navigable: true, searchable: true, clauseNames: ['summary'], schema: { type: 'string', system: 'summary' } },
      { id: 'status', key: 'status', name: 'Status', custom: false, orderable: false, navigable: true, searchable: true, clauseNames: ['status'], schema: { type: 'status', system: 'status' } },
      { id: FIELD.sprint, key: FIELD.sprint, name: 'Sprint', custom: true, orderable: true, navigable: true, searchable: true, clauseNames: ['cf[10020]', 'Sprint'], schema: { type: 'array', items: 'json', custom: SPRINT_CUSTOM, customId: 10020 } },
      { id: FIELD.storyPoints, key: FIELD.storyPoints, name: 'Story point estimate', custom: true, orderable: true, navigable: true, searchable: true, clauseNames: ['cf[10016]', 'Story point estimate'], schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 } },
      { id: FIELD.flagged, key: FIELD.flagged, name: 'Flagged', custom: true, orderable: true, navigable: true, searchable: true, clauseNames: ['cf[10021]', 'Flagged'], schema: { type: 'array', items: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes', customId: 10021 } },
      { id: FIELD.rank, key: FIELD.rank, name: 'Rank', custom: true, orderable: true, navigable: true, searchable: true, clauseNames: ['cf[10019]', 'Rank'], schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank', customId: 10019 } },
    ]);

    r('GET', '/rest/agile/1.0/board', ({ user, query }) => {
      const key = query.get('projectKeyOrId');
      // "Relevant to a project": the board's filter shows its issues, wherever the board is located.
      const project = key ? this.site.projects.find((p) => p.key === key || p.id === key) : undefined;
      const boards = this.site.boards.filter((b) => this.canSeeBoard(user, b))
        .filter((b) => !key || (!!project && this.filterProjects(b).includes(project.key)));
      const startAt = clampInt(query.get('startAt'), 0, Number.MAX_SAFE_INTEGER, 0);
      const maxResults = clampInt(query.get('maxResults'), 50, 50);
      const page = boards.slice(startAt, startAt + maxResults);
      return {
        maxResults, startAt, total: boards.length, isLast: startAt + page.length >= boards.length,
        values: page.map((b) => {
          const p = this.site.projects.find((x) => x.key === b.projectKey)!;
          return { id: b.id, self: `${this.baseUrl}/rest/agile/1.0/board/${b.id}`, name: b.name, type: 'scrum', location: { projectId: Number(p.id), projectKey: p.key, projectName: p.name, displayName: `${p.name} (${p.key})`, projectTypeKey: 'software', name: `${p.name} (${p.key})` } };
        }),
      };
    });

    r('GET', '/rest/agile/1.0/board/{boardId}', ({ user, params }) => {
      const b = this.board(user, params.boardId);
      const p = this.site.projects.find((x) => x.key === b.projectKey)!;
      return { id: b.id, self: `${this.baseUrl}/rest/agile/1.0/board/${b.id}`, name: b.name, type: 'scrum', location: { projectId: Number(p.id), projectKey: p.key, projectName: p.name, displayName: `${p.name} (${p.key})`, projectTypeKey: 'software', name: `${p.name} (${p.key})` } };
    });

    r('GET', '/rest/agile/1.0/board/{boardId}/configuration', ({ user, params }) => {
      const b = this.board(user, params.boardId);
      return {
        id: b.id, name: b.name, type: 'scrum', self: `${this.baseUrl}/rest/agile/1.0/board/${b.id}/configuration`,
        location: { type: 'project', projectKeyOrId: b.projectKey },
        filter: { id: String(b.filterId), self: `${this.baseUrl}/rest/api/3/filter/${b.filterId}` },
        columnConfig: { constraintType: 'none', columns: b.columns.map((c) => ({ name: c.name, statuses: c.statusIds.map((id) => ({ id, self: `${this.baseUrl}/rest/api/3/status/${id}` })) })) },
        estimation: b.estimation.type === 'field'
          ? { type: 'field', field: { fieldId: b.estimation.fieldId, displayName: b.estimation.displayName } }
          : { type: 'issueCount' },
        ranking: { rankCustomFieldId: 10019 },
      };
    });

    r('GET', '/rest/agile/1.0/board/{boardId}/sprint', ({ user, params, query }) => {
      const b = this.board(user, params.boardId);
      const states = (query.get('state') ?? '').split(',').filter(Boolean);
      const sprints = this.boardSprints(user, b).filter((s) => !states.length || states.includes(s.state));
      const startAt = clampInt(query.get('startAt'), 0, Number.MAX_SAFE_INTEGER, 0);
      const maxResults = clampInt(query.get('maxResults'), 50, 50);
      const page = sprints.slice(startAt, startAt + maxResults);
      return { maxResults, startAt, isLast: startAt + page.length >= sprints.length, values: page.map((s) => this.sprintRef(s)) };
    });

    r('GET', '/rest/agile/1.0/sprint/{sprintId}', ({ user, params }) => this.sprintRef(this.sprint(user, params.sprintId)));

    r('GET', '/rest/software/1.0/sprint/{sprintId}/issue', (ctx) => {
      const sprint = this.sprint(ctx.user, ctx.params.sprintId);
      return this.issueList(ctx, this.indexedIssues(ctx.user).filter((i) => i.sprintIds.includes(sprint.id)), ctx.query.get('jql'));
    });

    r('GET', '/rest/software/1.0/board/{boardId}/sprint/{sprintId}/issue', (ctx) => {
      const board = this.board(ctx.user, ctx.params.boardId);
      const sprint = this.sprint(ctx.user, ctx.params.sprintId);
      return this.issueList(ctx, this.indexedIssues(ctx.user).filter((i) => i.projectKey === board.projectKey && i.sprintIds.includes(sprint.id)), ctx.query.get('jql'));
    });

    r('GET', '/rest/software/1.0/board/{boardId}/backlog', (ctx) => {
      const board = this.board(ctx.user, ctx.params.boardId);
      const open = new Set(this.site.sprints.filter((s) => s.state !== 'closed').map((s) => s.id));
      const done = new Set(board.columns[board.columns.length - 1].statusIds);
      const backlog = this.indexedIssues(ctx.user).filter((i) => i.projectKey === board.projectKey && i.issueType !== 'Epic' && i.issueType !== 'Subtask' && !done.has(i.statusId) && !i.sprintIds.some((id) => open.has(id)));
      return this.issueList(ctx, backlog, ctx.query.get('jql'));
    });

    const search = (ctx: Ctx, jql: string | null, fields: string[] | null, maxResultsRaw: unknown, token: string | null,
      properties: string[], reconcileRaw: unknown[]) => {
      if (properties.length > 5) throw new HttpError(400, 'You can request at most 5 issue properties.');
      if (reconcileRaw.length > 50) throw new HttpError(400, 'You can reconcile at most 50 issues.');
      const maxResults = clampInt(maxResultsRaw == null ? null : String(maxResultsRaw), 50, searchPageCap(fields, properties));
      const reconcile = new Set(reconcileRaw.map(String));
      const hits = this.runJql(ctx.user, this.indexedIssues(ctx.user, reconcile), jql);
      const { page, next } = this.tokenPage(hits, token, maxResults);
      return {
        issues: page.map((i) => this.searchBean(ctx.user, i, fields, properties)),
        isLast: next === undefined, ...(next ? { nextPageToken: next } : {}),
      };
    };
    r('GET', '/rest/api/3/search/jql', (ctx) => {
      const q = ctx.query;
      return search(ctx, q.get('jql'), listParam(q, 'fields'), q.get('maxResults'), q.get('nextPageToken'),
        listParam(q, 'properties') ?? [], listParam(q, 'reconcileIssues') ?? []);
    });
    r('POST', '/rest/api/3/search/jql', (ctx) => {
      const b = ctx.body ?? {};
      return search(ctx, b.jql ?? null, Array.isArray(b.fields) ? b.fields : null, b.maxResults, b.nextPageToken ?? null,
        Array.isArray(b.properties) ? b.properties : [], Array.isArray(b.reconcileIssues) ? b.reconcileIssues : []);
    });

    r('POST', '/rest/api/3/issue/bulkfetch', ({ user, body }) => {
      const wanted: unknown = body?.issueIdsOrKeys;
      if (!Array.isArray(wanted) || wanted.length === 0) throw new HttpError(400, 'issueIdsOrKeys must not be empty.');
      if (wanted.length > 100) throw new HttpError(400, 'You can request at most 100 issues.');
      const properties: string[] = Array.isArray(body.properties) ? body.properties : [];
      if (properties.length > 5) throw new HttpError(400, 'You can request at most 5 issue properties.');
      // Keys match case-insensitively; what does not exist or is hidden is simply left out (not an issueError).
      // Read from the database like GET issue, so a write shows at once (*likely*: the spec does not say).
      const found = new Set(wanted.map((x) => this.issueByIdOrKey(String(x).toUpperCase()))
        .filter((i): i is SiteIssue => !!i && this.canSeeIssue(user, i)));
      const issues = [...found].sort((a, b) => Number(a.id) - Number(b.id));
      const fields = Array.isArray(body.fields) ? body.fields : null;
      return { issues: issues.map((i) => this.issueBean(user, i, fields, properties)), issueErrors: [] };
    });

    r('POST', '/rest/api/3/changelog/bulkfetch', ({ user, body }) => {
      const ids: unknown = body?.issueIdsOrKeys;
      if (!Array.isArray(ids) || ids.length === 0) throw new HttpError(400, 'issueIdsOrKeys must not be empty.');
      if (ids.length > 1000) throw new HttpError(400, 'You can request changelogs for at most 1000 issues.');
      const fieldIds: string[] | undefined = body.fieldIds;
      if (fieldIds && fieldIds.length > 10) throw new HttpError(400, 'You can filter by at most 10 field IDs.');
      const maxResults = clampInt(body.maxResults == null ? null : String(body.maxResults), 1000, 10000);
      // Issues the caller may not see are left out, exactly like ids that do not exist.
      const issues = ids.map((x) => this.issueByIdOrKey(String(x)))
        .filter((i): i is SiteIssue => !!i && this.canSeeIssue(user, i));
      const entries: { issue: SiteIssue; h: ChangeHistory }[] = [];
      for (const issue of issues) {
        for (const h of issue.changelog) {
          const items = fieldIds ? h.items.filter((it) => fieldIds.includes(it.fieldId)) : h.items;
          if (items.length) entries.push({ issue, h: { ...h, items } });
        }
      }
      entries.sort((a, b) => Date.parse(a.h.created) - Date.parse(b.h.created) || Number(a.issue.id) - Number(b.issue.id));
      const { page, next } = this.tokenPage(entries, body.nextPageToken ?? null, maxResults);
      const grouped = new Map<string, unknown[]>();
      for (const { issue, h } of page) {
        if (!grouped.has(issue.id)) grouped.set(issue.id, []);
        // Jira leaves out empty values (the spec types them as plain strings).
        const items = h.items.map((it) => Object.fromEntries(Object.entries(it).filter(([, v]) => v !== null)));
        grouped.get(issue.id)!.push({ id: h.id, author: this.userRef(h.authorId), created: h.created, items });
      }
      return { issueChangeLogs: [...grouped].map(([issueId, changeHistories]) => ({ issueId, changeHistories })), ...(next ? { nextPageToken: next } : {}) };
    });

    r('GET', '/rest/api/3/user/search', ({ user, query }) => {
      const q = (query.get('query') ?? '').toLowerCase();
      const accountId = query.get('accountId');
      if (!q && !accountId) throw new HttpError(400, 'One of query or accountId is required.');
      // Jira: without "Browse users and groups" the search finds nobody; deactivated accounts are never listed.
      if (!this.mayBrowseUsers(user)) return [];
      return this.site.users.filter((u) => u.active !== false)
        .filter((u) => (accountId ? u.accountId === accountId : u.displayName.toLowerCase().includes(q) || u.email.startsWith(q)))
        .slice(0, clampInt(query.get('maxResults'), 50, 1000)).map((u) => this.userRef(u.accountId));
    });

    r('GET', '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes', ({ user, params, query }) => {
      const project = this.site.projects.find((p) => p.key === params.projectIdOrKey || p.id === params.projectIdOrKey);
      if (!project || !this.canBrowse(user, project.key)) {
        throw new HttpError(400, `No project could be found with key or id '${params.projectIdOrKey}'.`);
      }
      // Jira lists only what the caller may create: nothing without Create issues.
      const types = this.mayWrite(user, project.key, 'CREATE_ISSUES') ? issueTypesOf(project) : [];
      const startAt = clampInt(query.get('startAt'), 0, Number.MAX_SAFE_INTEGER, 0);
      const maxResults = clampInt(query.get('maxResults'), 50, 200);
      return {
        maxResults, startAt, total: types.length,
        issueTypes: types.slice(startAt, startAt + maxResults).map((t) => ({
          id: issueTypeId(t.name), name: t.name, description: '', subtask: t.name === 'Subtask',
          hierarchyLevel: t.name === 'Epic' ? 1 : t.name === 'Subtask' ? -1 : 0,
          iconUrl: `${this.baseUrl}/images/icons/issuetypes/${t.name.toLowerCase()}.svg`,
          self: `${this.baseUrl}/rest/api/3/issuetype/${issueTypeId(t.name)}`,
        })),
      };
    });

    r('POST', '/rest/api/3/issue', ({ user, body, res }) => {
      const f = body?.fields ?? {};
      const project = this.site.projects.find((p) => p.key === f.project?.key || p.id === f.project?.id);
      if (!project || !this.canBrowse(user, project.key)) throw new HttpError(400, 'Specify a valid project ID or key', { errors: { project: 'Specify a valid project ID or key' } });
      if (!this.mayWrite(user, project.key, 'CREATE_ISSUES')) {
        throw new HttpError(403, 'You do not have permission to create issues in this project.');
      }
      const type = issueTypesOf(project)
        .find((t) => t.name === f.issuetype?.name || issueTypeId(t.name) === f.issuetype?.id);
      if (!type) throw fieldErrors({ issuetype: 'Specify a valid issue type' });
      const errors = this.createFieldErrors(f, type, project);
      if (Object.keys(errors).length) throw fieldErrors(errors);
      const now = new Date().toISOString().replace('Z', '+0000');
      const number = Math.max(0, ...this.site.issues.filter((i) => i.projectKey === project.key).map((i) => Number(i.key.split('-')[1]))) + 1;
      const id = String(Math.max(...this.site.issues.map((i) => Number(i.id))) + 1);
      const last = [...this.site.issues].sort((a, b) => b.rank.localeCompare(a.rank))[0];
      const issue: SiteIssue = {
        id, key: `${project.key}-${number}`, projectKey: project.key, issueType: type.name, summary: f.summary,
        description: f.description ?? null, reporterId: user.accountId, assigneeId: f.assignee?.accountId ?? null,
        created: now, updated: now, resolutiondate: null, labels: Array.isArray(f.labels) ? f.labels.map(String) : [],
        parentKey: f.parent?.key ?? null, rank: `${last?.rank ?? '0|i'}z`, statusId: this.site.statuses[0].id,
        storyPoints: typeof f[FIELD.storyPoints] === 'number' ? f[FIELD.storyPoints] : null, sprintIds: [], flagged: false,
        links: [], changelog: [],
        // Issue properties may be set in the create call itself (IssueUpdateDetails.properties).
        properties: Object.fromEntries((Array.isArray(body?.properties) ? body.properties : [])
          .filter((p: { key?: unknown }) => typeof p?.key === 'string')
          .map((p: { key: string; value: unknown }) => [p.key, p.value])),
      };
      this.indexLag.willWrite(issue.id, null);
      this.site.issues.push(issue);
      this.scheduleSave();
      res.statusCode = 201;
      return { id: issue.id, key: issue.key, self: `${this.baseUrl}/rest/api/3/issue/${issue.id}` };
    });

    r('PUT', '/rest/agile/1.0/issue/rank', ({ user, body, res }) => {
      const keys: unknown = body?.issues;
      if (!Array.isArray(keys) || keys.length === 0 || keys.length > 50) throw new HttpError(400, 'Between 1 and 50 issues can be ranked at once.');
      const anchorKey = body.rankBeforeIssue ?? body.rankAfterIssue;
      const anchor = anchorKey && this.issueByIdOrKey(String(anchorKey));
      if (!anchor || !this.canSeeIssue(user, anchor)) {
        throw new HttpError(400, 'The rank anchor issue does not exist or you cannot see it.');
      }
      // Ranking needs Schedule issues on every issue it moves; without it Jira refuses the whole call.
      const unschedulable = keys.map((k) => this.issueByIdOrKey(String(k)))
        .some((i) => !!i && this.canSeeIssue(user, i) && !this.mayWrite(user, i.projectKey, 'SCHEDULE_ISSUES'));
      if (unschedulable) throw new HttpError(403, 'You do not have permission to rank issues.');
      const entries: { issueId: number; issueKey: string; status: number; errors?: string[] }[] = [];
      const moving = keys.map((k) => this.issueByIdOrKey(String(k)));
      const ok = moving.filter((i): i is SiteIssue => !!i && this.canSeeIssue(user, i) && i !== anchor);
      // Re-rank: take the moving issues out, then put them before/after the anchor, in the given order.
      const ordered = [...this.site.issues].sort((a, b) => a.rank.localeCompare(b.rank)).filter((i) => !ok.includes(i));
      const at = ordered.indexOf(anchor) + (body.rankBeforeIssue ? 0 : 1);
      ordered.splice(at, 0, ...ok);
      ordered.forEach((i, n) => {
        const rank = `0|i${String(n).padStart(6, '0')}:`;
        if (i.rank !== rank) this.indexLag.willWrite(i.id, i);
        i.rank = rank;
      });
      for (let n = 0; n < keys.length; n++) {
        const issue = moving[n];
        entries.push(issue && ok.includes(issue)
          ? { issueId: Number(issue.id), issueKey: issue.key, status: 200 }
          // A hidden issue's id is not told: to the caller it does not exist.
          : { issueId: Number(issue && this.canSeeIssue(user, issue) ? issue.id : 0), issueKey: String(keys[n]), status: 404,
            errors: [ISSUE_NOT_FOUND] });
      }
      this.scheduleSave();
      if (entries.some((e) => e.status !== 200)) { res.statusCode = 207; return { entries }; }
      res.statusCode = 204;
      return undefined;
    });

    r('POST', '/rest/api/3/issue/{issueIdOrKey}/comment', ({ user, params, body, res }) => {
      const issue = this.visibleIssue(user, params.issueIdOrKey);
      if (!this.mayWrite(user, issue.projectKey, 'ADD_COMMENTS')) {
        throw new HttpError(403, 'You do not have the permission to comment on this issue.');
      }
      if (!isAdfDocument(body?.body)) throw fieldErrors({ comment: ADF_INVALID });
      // Jira's text limit applies to the comment as stored: its ADF document, not only the words in it.
      if (JSON.stringify(body.body).length > TEXT_FIELD_LIMIT) {
        throw fieldErrors({ comment: TEXT_TOO_LONG });
      }
      const now = new Date().toISOString().replace('Z', '+0000');
      const comment = { id: String(20000 + this.site.comments.length), issueKey: issue.key, authorId: user.accountId, created: now, body: body.body };
      this.site.comments.push(comment);
      this.scheduleSave();
      res.statusCode = 201;
      return { id: comment.id, self: `${this.baseUrl}/rest/api/3/issue/${issue.id}/comment/${comment.id}`, author: this.userRef(user.accountId), body: comment.body, created: now, updated: now };
    });

    r('GET', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', ({ user, params }) => {
      const issue = this.visibleIssue(user, params.issueIdOrKey, 'The property was not found.');
      if (!(params.propertyKey in issue.properties)) throw new HttpError(404, 'The property was not found.');
      return { key: params.propertyKey, value: issue.properties[params.propertyKey] };
    });

    r('PUT', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', ({ user, params, body, res }) => {
      const issue = this.visibleIssue(user, params.issueIdOrKey);
      if (!this.mayWrite(user, issue.projectKey, 'EDIT_ISSUES')) {
        throw new HttpError(403, `You do not have permission to edit issue ${issue.key}.`);
      }
      if (JSON.stringify(body ?? null).length > 32768) throw new HttpError(400, 'The property value is too large (32 KB at most).');
      res.statusCode = params.propertyKey in issue.properties ? 200 : 201;
      this.indexLag.willWrite(issue.id, issue);
      issue.properties[params.propertyKey] = body;
      this.scheduleSave();
      return {};
    });
  }
}

/**
 * A 429's headers as Jira Cloud documents them: Retry-After (seconds), X-RateLimit-Reset (when, as
 * yyyy-MM-ddTHH:mmZ), X-RateLimit-Limit / -Remaining (of the limit that was hit) and RateLimit-Reason.
 */
function rateLimitHeaders(reason: RateLimitReason, retryAfterSeconds: number): Record<string, string> {
  const reset = new Date(Date.now() + retryAfterSeconds * 1000).toISOString().slice(0, 16) + 'Z';
  const limit = reason.startsWith('jira-quota-') ? 65_000 : reason === 'jira-burst-based' ? 100 : 20;
  return {
    'retry-after': String(retryAfterSeconds), 'x-ratelimit-reset': reset,
    'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0', 'ratelimit-reason': reason,
  };
}

/** Jira's ids of the project permissions the app asks about. */
const PERMISSION_IDS: Record<string, string> = {
  BROWSE_PROJECTS: '10', CREATE_ISSUES: '11', EDIT_ISSUES: '12', ADD_COMMENTS: '15', SCHEDULE_ISSUES: '28',
};

/** Jira's limit on a text field's stored value (jira.text.field.character.limit), comments included. */
const TEXT_FIELD_LIMIT = 32767;
const TEXT_TOO_LONG = 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.';
const ADF_INVALID = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
const FIELD_NAMES: Record<string, string> = {
  [FIELD.storyPoints]: 'Story point estimate', labels: 'Labels', description: 'Description',
};

const ISSUE_TYPE_NAMES: SiteIssue['issueType'][] = ['Story', 'Bug', 'Task', 'Epic', 'Subtask'];
function issueTypesOf(project: SiteProject): SiteIssueType[] {
  return project.issueTypes ?? ISSUE_TYPE_NAMES.map((name) => ({ name }));
}
function issueTypeId(name: SiteIssue['issueType']) { return String(ISSUE_TYPE_NAMES.indexOf(name) + 10001); }

/** Jira's answer to invalid fields: a 400 whose ErrorCollection names each field, with no general message. */
function fieldErrors(errors: Record<string, string>) { return new HttpError(400, '', { errorMessages: [], errors }); }
function faultMessage(status: number) {
  return status === 429 ? 'Rate limit exceeded.' : 'Service temporarily unavailable.';
}

/**
 * An ADF document as Jira's validator accepts it: `doc`, version 1, nodes with a type, content as
 * arrays of nodes, text nodes with non-empty text, marks with a type.
 */
function isAdfDocument(doc: unknown): boolean {
  const isNode = (n: unknown): boolean => {
    if (!n || typeof n !== 'object' || Array.isArray(n)) return false;
    const node = n as { type?: unknown; text?: unknown; content?: unknown; marks?: unknown };
    if (typeof node.type !== 'string' || !node.type) return false;
    if (node.type === 'text' && (typeof node.text !== 'string' || !node.text)) return false;
    if (node.content !== undefined && (!Array.isArray(node.content) || !node.content.every(isNode))) return false;
    const markOk = (m: unknown) => !!m && typeof (m as { type?: unknown }).type === 'string';
    return node.marks === undefined || (Array.isArray(node.marks) && node.marks.every(markOk));
  };
  const d = doc as { type?: unknown; version?: unknown; content?: unknown } | null;
  return isNode(doc) && d!.type === 'doc' && d!.version === 1 && Array.isArray(d!.content);
}

/** Jira's agile API writes dates with milliseconds and a Z. */
function toAgileDate(s: string) { return new Date(Date.parse(s)).toISOString(); }
function encodeToken(n: number) { return Buffer.from(`o:${n}`).toString('base64url'); }
function decodeToken(t: string) {
  const m = /^o:(\d+)$/.exec(Buffer.from(t, 'base64url').toString('utf8'));
  if (!m) throw new HttpError(400, 'The nextPageToken is invalid.');
  return Number(m[1]);
}
/**
 * Most issues one /search/jql page holds. 5000 for ids or keys only is documented (the spec's maxResults:
 * "The greatest number of items returned per page is achieved when requesting id or key only. It returns
 * max 5000 issues"); that pages are smaller "where a large number of fields or properties are requested"
 * is documented too, but not by how much: 100 with fields (the classic search's documented maximum) and
 * 50 with properties or every field are this emulator's model, so the app must follow nextPageToken.
 */
function searchPageCap(fields: string[] | null, properties: string[]) {
  const asked = (fields ?? ['id']).filter((f) => f !== 'id' && f !== 'key');
  if (properties.length || asked.some((f) => f.startsWith('*'))) return 50;
  return asked.length ? 100 : 5000;
}
function clampInt(raw: string | null, dflt: number, max: number, min = 1) {
  if (raw === null || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new HttpError(400, `Invalid value '${raw}'.`);
  return Math.min(n, max);
}
function listParam(q: URLSearchParams, name: string): string[] | null {
  const all = q.getAll(name);
  return all.length ? all.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean) : null;
}
function queryObject(q: URLSearchParams) {
  const out: Record<string, string | string[]> = {};
  for (const k of new Set(q.keys())) { const v = q.getAll(k); out[k] = v.length > 1 ? v : v[0]; }
  return out;
}
