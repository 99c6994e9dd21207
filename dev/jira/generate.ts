/**
 * Deterministic demo-site generator. It *simulates* two Scrum teams sprint by sprint and writes
 * every change as a Jira changelog entry, so the app meets the same evidence it would on a real
 * site: scope added and removed mid-sprint, re-estimates, carry-over, flags, reopened items,
 * items completed outside the sprint, back-door requests from stakeholders.
 *
 * Run: `npx tsx dev/jira/generate.ts [out.json]` (default dev/fixtures/demo-site.json).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIELD, type ChangeItem, type Site, type SiteBoard, type SiteIssue, type SiteSprint, type SiteStatus, type SiteUser,
} from './site';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Monday the active sprints started; every date in the fixture is derived from it. */
export const DEMO_ANCHOR = Date.UTC(2026, 10, 16, 9, 0, 0);
/** "Now" inside the demo: day 5 of the active sprint. */
export const DEMO_NOW = DEMO_ANCHOR + 4 * DAY + 6 * HOUR;
const SPRINT_DAYS = 14;
const CLOSED_SPRINTS = 10;

export const STATUSES: SiteStatus[] = [
  { id: '10000', name: 'To Do', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10001', name: 'In Review', category: 'indeterminate' },
  { id: '10002', name: 'Done', category: 'done' },
];
const [TODO, DOING, REVIEW, DONE] = STATUSES;

/** Small, fast, seedable PRNG (mulberry32): the same seed always yields the same site. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}
type Rng = ReturnType<typeof rng>;

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

const user = (n: number, displayName: string, email: string, browse: string[], role: string): SiteUser => ({
  accountId: `712020:demo-${String(n).padStart(4, '0')}`, displayName, email, browse, role,
});

export const DEMO_USERS: SiteUser[] = [
  user(1, 'Sanne de Vries', 'sanne@harbor.example', ['HAR'], 'Scrum Master, Harbor'),
  user(2, 'Pieter Jansen', 'pieter@harbor.example', ['HAR'], 'Product Owner, Harbor'),
  user(3, 'Amira Haddad', 'amira@harbor.example', ['HAR'], 'Developer, Harbor'),
  user(4, 'Lucas Bakker', 'lucas@harbor.example', ['HAR'], 'Developer, Harbor'),
  user(5, 'Mei Chen', 'mei@harbor.example', ['HAR'], 'Developer, Harbor'),
  user(6, 'Joost Visser', 'joost@falcon.example', ['FAL'], 'Scrum Master, Falcon'),
  user(7, 'Emma Brown', 'emma@falcon.example', ['FAL'], 'Product Owner, Falcon'),
  user(8, 'Noah Smit', 'noah@falcon.example', ['FAL'], 'Developer, Falcon'),
  user(9, 'Fatima El Idrissi', 'fatima@falcon.example', ['FAL'], 'Developer, Falcon'),
  user(10, 'Ravi Patel', 'ravi@falcon.example', ['FAL'], 'Developer, Falcon'),
  user(11, 'Clara Mulder', 'clara@coach.example', ['HAR', 'FAL'], 'Agile coach, both teams'),
  user(12, 'Henk Dijkstra', 'henk@sales.example', ['HAR', 'FAL'], 'Stakeholder, Sales'),
  user(13, 'Olivia Reed', 'olivia@support.example', ['HAR', 'FAL'], 'Stakeholder, Support'),
  user(14, 'Marco Rossi', 'marco@finance.example', ['FAL'], 'Stakeholder, Finance'),
  user(15, 'Guest Visitor', 'guest@partner.example', [], 'No project access'),
];

interface TeamSpec {
  key: string;
  name: string;
  projectId: string;
  boardId: number;
  firstSprintId: number;
  sm: number; po: number; devs: number[]; stakeholders: number[];
  capacity: number;
  themes: string[];
}

const TEAMS: TeamSpec[] = [
  { key: 'HAR', name: 'Harbor', projectId: '10001', boardId: 1, firstSprintId: 1, sm: 1, po: 2, devs: [3, 4, 5],
    stakeholders: [12, 13], capacity: 34,
    themes: ['checkout', 'invoice export', 'customer portal', 'search', 'notifications', 'payment retries', 'order history', 'login'] },
  { key: 'FAL', name: 'Falcon', projectId: '10002', boardId: 2, firstSprintId: 101, sm: 6, po: 7, devs: [8, 9, 10],
    stakeholders: [12, 13, 14], capacity: 27,
    themes: ['route planner', 'driver app', 'fleet dashboard', 'fuel report', 'delivery slots', 'warehouse scan', 'SLA alerts', 'map tiles'] },
];

const PERSONAS = ['customer', 'support agent', 'finance analyst', 'dispatcher', 'store manager', 'new user'];
const ACTIONS = ['see', 'filter', 'export', 'retry', 'undo', 'share', 'bulk edit', 'get alerted about'];
const BUG_SYMPTOMS = ['times out', 'shows wrong totals', 'crashes on empty input', 'loses the selected filter', 'renders off-screen on mobile', 'sends duplicate emails'];

function adfDoc(paragraphs: unknown[]) {
  return { type: 'doc', version: 1, content: paragraphs };
}
const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const heading = (text: string) => ({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text }] });
const bullets = (items: string[]) => ({
  type: 'bulletList',
  content: items.map((t) => ({ type: 'listItem', content: [para(t)] })),
});

function description(r: Rng, theme: string): unknown | null {
  const roll = r.next();
  if (roll < 0.18) return null; // unrefined: nothing written yet
  if (roll < 0.35) return adfDoc([para(`Something about ${theme}.`)]);
  if (roll < 0.7) {
    return adfDoc([
      para(`Today people work around the ${theme} by hand, which costs time every week and leads to mistakes that support has to fix.`),
      heading('Acceptance criteria'),
      bullets([`The ${theme} works for the happy path`, 'Errors are shown in plain language', 'Covered by an automated test']),
    ]);
  }
  return adfDoc([
    para(`The ${theme} should behave predictably for everyone, including people on slow connections.`),
    para(`Given a user on the ${theme} page, when they submit valid data, then they see a confirmation within two seconds.`),
  ]);
}

const POINTS = [1, 2, 3, 5, 8, 13];

/** Build the whole demo site. Pure: same seed, same site. */
export function generateDemoSite(seed = 20261116): Site {
  const r = rng(seed);
  const issues: SiteIssue[] = [];
  const sprints: SiteSprint[] = [];
  const boards: SiteBoard[] = [];
  let nextIssueId = 10000;
  let nextHistoryId = 50000;
  let rankCounter = 0;
  const rank = () => `0|i${String(rankCounter++).padStart(6, '0')}:`;

  for (const team of TEAMS) {
    boards.push({
      id: team.boardId, name: `${team.name} board`, projectKey: team.key, filterId: 10000 + team.boardId,
      estimation: { type: 'field', fieldId: FIELD.storyPoints, displayName: 'Story point estimate' },
      columns: [
        { name: 'To Do', statusIds: [TODO.id] },
        { name: 'In Progress', statusIds: [DOING.id] },
        { name: 'In Review', statusIds: [REVIEW.id] },
        { name: 'Done', statusIds: [DONE.id] },
      ],
    });
    const accountOf = (n: number) => DEMO_USERS[n - 1].accountId;
    const teamIssues: SiteIssue[] = [];
    let keyCounter = 1;

    const sprintStart = (i: number) => DEMO_ANCHOR - (CLOSED_SPRINTS - i) * SPRINT_DAYS * DAY;
    const teamSprints: SiteSprint[] = [];
    for (let i = 0; i <= CLOSED_SPRINTS; i++) {
      const start = sprintStart(i);
      const active = i === CLOSED_SPRINTS;
      teamSprints.push({
        id: team.firstSprintId + i, boardId: team.boardId, name: `${team.key} Sprint ${i + 1}`,
        state: active ? 'active' : 'closed',
        goal: `Make the ${team.themes[i % team.themes.length]} dependable for ${PERSONAS[i % PERSONAS.length]}s`,
        startDate: iso(start), endDate: iso(start + (SPRINT_DAYS - 3) * DAY + 8 * HOUR),
        ...(active ? {} : { completeDate: iso(start + (SPRINT_DAYS - 3) * DAY + 7 * HOUR) }),
      });
    }
    teamSprints.push({
      id: team.firstSprintId + CLOSED_SPRINTS + 1, boardId: team.boardId, name: `${team.key} Sprint ${CLOSED_SPRINTS + 2}`,
      state: 'future', goal: '',
    });
    sprints.push(...teamSprints);
    const sprintName = new Map(teamSprints.map((s) => [s.id, s.name]));

    const change = (issue: SiteIssue, at: number, authorN: number, items: ChangeItem[]) => {
      issue.changelog.push({ id: String(nextHistoryId++), created: iso(at), authorId: accountOf(authorN), items });
      issue.updated = iso(at);
    };
    const setStatus = (issue: SiteIssue, to: SiteStatus, at: number, by: number) => {
      const from = STATUSES.find((s) => s.id === issue.statusId)!;
      if (from.id === to.id) return;
      change(issue, at, by, [{ field: 'status', fieldId: 'status', fieldtype: 'jira', from: from.id, fromString: from.name, to: to.id, toString: to.name }]);
      issue.statusId = to.id;
      issue.resolutiondate = to.category === 'done' ? iso(at) : null;
    };
    const setSprints = (issue: SiteIssue, ids: number[], at: number, by: number) => {
      const fmt = (xs: number[]) => (xs.length ? xs.join(', ') : null);
      const names = (xs: number[]) => (xs.length ? xs.map((x) => sprintName.get(x)).join(', ') : null);
      change(issue, at, by, [{ field: 'Sprint', fieldId: FIELD.sprint, fieldtype: 'custom', from: fmt(issue.sprintIds), fromString: names(issue.sprintIds), to: fmt(ids), toString: names(ids) }]);
      issue.sprintIds = ids;
    };
    const setPoints = (issue: SiteIssue, pts: number, at: number, by: number) => {
      change(issue, at, by, [{ field: 'Story point estimate', fieldId: FIELD.storyPoints, fieldtype: 'custom', from: null, fromString: issue.storyPoints === null ? null : String(issue.storyPoints), to: null, toString: String(pts) }]);
      issue.storyPoints = pts;
    };
    const setFlag = (issue: SiteIssue, on: boolean, at: number, by: number) => {
      change(issue, at, by, [{ field: 'Flagged', fieldId: FIELD.flagged, fieldtype: 'custom', from: null, fromString: on ? null : 'Impediment', to: null, toString: on ? 'Impediment' : null }]);
      issue.flagged = on;
    };

    const create = (at: number, type: SiteIssue['issueType'], summary: string, reporterN: number, opts: Partial<SiteIssue> = {}): SiteIssue => {
      const issue: SiteIssue = {
        id: String(nextIssueId++), key: `${team.key}-${keyCounter++}`, projectKey: team.key, issueType: type, summary,
        description: null, reporterId: accountOf(reporterN), assigneeId: null, created: iso(at), updated: iso(at),
        resolutiondate: null, labels: [], parentKey: null, rank: rank(), statusId: TODO.id, storyPoints: null,
        sprintIds: [], flagged: false, links: [], properties: {}, changelog: [], ...opts,
      };
      teamIssues.push(issue);
      issues.push(issue);
      return issue;
    };

    const epics = team.themes.slice(0, 4).map((theme, i) => create(sprintStart(0) - 30 * DAY + i * HOUR, 'Epic', `${theme[0].toUpperCase()}${theme.slice(1)} overhaul`, team.po, { description: description(r, theme) }));
    const newStory = (at: number, reporterN: number) => {
      const theme = r.pick(team.themes);
      const issue = create(at, 'Story', `As a ${r.pick(PERSONAS)} I want to ${r.pick(ACTIONS)} the ${theme}`, reporterN, {
        description: description(r, theme),
        storyPoints: r.chance(0.85) ? r.pick(POINTS.slice(0, r.chance(0.15) ? 6 : 5)) : null,
        parentKey: r.chance(0.75) ? r.pick(epics).key : null,
        labels: r.chance(0.2) ? [r.pick(['ux', 'tech-debt', 'compliance'])] : [],
      });
      if (r.chance(0.12)) {
        for (let k = 0; k < 2; k++) create(at + HOUR, 'Subtask', `${k === 0 ? 'Build' : 'Test'}: ${issue.summary.slice(0, 40)}`, team.po, { parentKey: issue.key, storyPoints: r.pick([1, 2]) });
      }
      return issue;
    };
    for (let i = 0; i < 150; i++) newStory(sprintStart(0) - 20 * DAY + i * HOUR, r.chance(0.7) ? team.po : r.pick(team.stakeholders));
    // Blocked-by links between a few backlog items, for refinement checks.
    const stories = teamIssues.filter((x) => x.issueType === 'Story');
    for (let i = 0; i < 4; i++) {
      const a = stories[r.int(20, stories.length - 1)], b = stories[r.int(0, 19)];
      if (a !== b) { a.links.push({ type: 'Blocks', direction: 'inward', key: b.key }); b.links.push({ type: 'Blocks', direction: 'outward', key: a.key }); }
    }

    let nowOfSim = 0;
    const closedAt = new Map<number, number>();
    const isClosedBy = (sprintId: number, t: number) => (closedAt.get(sprintId) ?? Infinity) <= t;
    // The backlog: unfinished stories and bugs in no open sprint, in rank order.
    const backlog = () => teamIssues
      .filter((x) => (x.issueType === 'Story' || x.issueType === 'Bug') && x.statusId !== DONE.id && x.sprintIds.every((id) => isClosedBy(id, nowOfSim)))
      .sort((a, b) => a.rank.localeCompare(b.rank));
    const estimate = (x: SiteIssue) => x.storyPoints ?? 0;

    for (let i = 0; i <= CLOSED_SPRINTS; i++) {
      const sprint = teamSprints[i];
      const start = Date.parse(sprint.startDate!);
      const end = sprint.completeDate ? Date.parse(sprint.completeDate) : DEMO_NOW;
      nowOfSim = start - 2 * HOUR;
      // Planning: carry-over is already in; fill up to capacity from the top of the backlog.
      const inSprint = () => teamIssues.filter((x) => x.sprintIds.includes(sprint.id));
      const capacity = team.capacity * (0.85 + r.next() * 0.45);
      let committed = inSprint().reduce((s, x) => s + estimate(x), 0);
      for (const item of backlog()) {
        if (committed >= capacity) break;
        if (item.sprintIds.includes(sprint.id) || item.storyPoints === null && r.chance(0.7)) continue;
        setSprints(item, [...item.sprintIds, sprint.id], nowOfSim, team.sm);
        committed += estimate(item);
      }
      // Now and then an item already finished outside any sprint (fixed along with other work) is
      // pulled in to make it count: Jira reports it as "completed outside of this sprint".
      if (r.chance(0.3)) {
        const item = backlog().find((x) => x.issueType === 'Story' && !x.sprintIds.length);
        if (item) {
          setStatus(item, DONE, start - 3 * DAY, r.pick(team.devs));
          setSprints(item, [sprint.id], start + DAY + 2 * HOUR, team.po);
        }
      }

      const workingDays = Math.max(1, Math.round((end - start) / DAY));
      for (let d = 0; d < workingDays; d++) {
        const day = start + d * DAY;
        if (new Date(day).getUTCDay() % 6 === 0) continue; // weekend
        const at = (h: number) => Math.min(day + h * HOUR + r.int(0, 50) * 60_000, end - HOUR);
        // Work moves right, one step at a time, smaller items faster.
        for (const item of inSprint()) {
          if (item.issueType === 'Epic' || item.statusId === DONE.id) continue;
          if (item.flagged) { if (r.chance(0.45)) setFlag(item, false, at(2), r.pick(team.devs)); continue; }
          const speed = 0.42 / Math.sqrt(Math.max(1, estimate(item)));
          if (!r.chance(speed + 0.06)) { if (item.statusId !== TODO.id && r.chance(0.04)) setFlag(item, true, at(3), r.pick(team.devs)); continue; }
          const dev = r.pick(team.devs);
          if (item.statusId === TODO.id) { item.assigneeId = accountOf(dev); setStatus(item, DOING, at(1), dev); }
          else if (item.statusId === DOING.id) setStatus(item, REVIEW, at(4), dev);
          else if (item.statusId === REVIEW.id) setStatus(item, DONE, at(6), dev);
        }
        // Reopened after review found a problem.
        if (r.chance(0.06)) {
          const done = inSprint().find((x) => x.statusId === DONE.id);
          if (done) { setStatus(done, REVIEW, at(5), team.po); if (r.chance(0.6)) setStatus(done, DONE, at(7), r.pick(team.devs)); }
        }
        if (d === 0) continue;
        // Scope added after the start: urgent bugs, back-door requests from stakeholders, pulled-in stories.
        if (r.chance(0.22)) {
          const stakeholder = r.pick(team.stakeholders);
          const bug = r.chance(0.6);
          const theme = r.pick(team.themes);
          const item = bug
            ? create(at(1), 'Bug', `The ${theme} ${r.pick(BUG_SYMPTOMS)}`, r.chance(0.6) ? stakeholder : r.pick(team.devs), { storyPoints: r.pick([1, 2, 3, 5]), description: description(r, theme) })
            : newStory(at(1), stakeholder);
          if (bug && r.chance(0.3)) item.labels.push('production');
          setSprints(item, [sprint.id], at(2), r.chance(0.5) ? team.po : team.sm);
        } else if (r.chance(0.08)) {
          const top = backlog().find((x) => !x.sprintIds.includes(sprint.id));
          if (top) setSprints(top, [...top.sprintIds, sprint.id], at(2), team.po);
        }
        // Scope removed: an untouched item goes back to the backlog.
        if (r.chance(0.1)) {
          const item = inSprint().find((x) => x.statusId === TODO.id && x.issueType !== 'Subtask');
          if (item) setSprints(item, item.sprintIds.filter((id) => id !== sprint.id), at(3), team.po);
        }
        // Re-estimates once the team learns more.
        if (r.chance(0.15)) {
          const item = inSprint().find((x) => x.statusId !== DONE.id && x.storyPoints !== null && x.issueType !== 'Subtask');
          if (item) setPoints(item, r.pick(POINTS.filter((p) => p !== item.storyPoints).slice(0, 5)), at(2), r.pick(team.devs));
        }
        // New backlog items keep arriving.
        if (r.chance(0.8)) newStory(at(3), r.chance(0.6) ? team.po : r.pick(team.stakeholders));
      }

      if (sprint.state === 'closed') {
        closedAt.set(sprint.id, end);
        const next = teamSprints[i + 1];
        for (const item of inSprint()) {
          if (item.statusId !== DONE.id && item.issueType !== 'Subtask') setSprints(item, [...item.sprintIds, next.id], end, team.sm);
        }
      }
    }
    // Stakeholders' view of the world: some items estimated for the next sprint.
    const future = teamSprints[teamSprints.length - 1];
    for (const item of backlog().slice(0, 3)) setSprints(item, [...item.sprintIds, future.id], DEMO_NOW - 3 * HOUR, team.po);
  }

  return {
    name: 'scrum-coach-demo', generatedAt: iso(DEMO_NOW), statuses: STATUSES, users: DEMO_USERS,
    projects: TEAMS.map((t) => ({ id: t.projectId, key: t.key, name: t.name })),
    boards, sprints, issues, comments: [],
  };
}

if (require.main === module) {
  const out = process.argv[2] ?? join(__dirname, '..', 'fixtures', 'demo-site.json');
  const site = generateDemoSite();
  writeFileSync(out, JSON.stringify(site));
  console.log(`wrote ${out}: ${site.issues.length} issues, ${site.sprints.length} sprints, ${site.issues.reduce((n, i) => n + i.changelog.length, 0)} changelog entries`);
}
