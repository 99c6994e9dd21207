/**
 * The site fixture the Jira emulator serves: a small, faithful model of a Jira Cloud site.
 * Issues carry their *current* field values plus the full changelog, exactly as Jira keeps them,
 * so the app must reconstruct history the way it would against the real thing.
 */

/** Field ids as a typical Jira Cloud site has them (the app discovers them via /rest/api/3/field). */
export const FIELD = {
  sprint: 'customfield_10020',
  storyPoints: 'customfield_10016',
  flagged: 'customfield_10021',
  rank: 'customfield_10019',
  epicLink: 'parent',
} as const;

export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface SiteStatus {
  id: string;
  name: string;
  category: StatusCategory;
}

export interface SiteUser {
  accountId: string;
  displayName: string;
  email: string;
  /** Project keys this user may browse (Browse Projects permission). */
  browse: string[];
  /** Demo role, shown in the local host's user switcher. */
  role: string;
  /** A deactivated account: Jira's user search leaves it out. Default: active. */
  active?: boolean;
  /** The global "Browse users and groups" permission (user search answers others an empty list). Default: held. */
  browseUsers?: boolean;
  /**
   * Project keys per write permission (Create issues, Add comments, Edit issues, Schedule issues).
   * A permission left out is held wherever the user may browse; a list grants it on those projects only.
   */
  writes?: Partial<Record<WritePermission, string[]>>;
}

/** Jira's project permissions for the writes Scrum Coach makes; each answers 403 when missing. */
export const WRITE_PERMISSIONS = ['CREATE_ISSUES', 'ADD_COMMENTS', 'EDIT_ISSUES', 'SCHEDULE_ISSUES'] as const;
export type WritePermission = (typeof WRITE_PERMISSIONS)[number];

/** An issue type on a project's create screen, with the fields Jira demands on create beyond summary. */
export interface SiteIssueType {
  name: SiteIssue['issueType'];
  /** Field ids (e.g. `customfield_10016`, `labels`) the create screen requires for this type. */
  required?: string[];
}

export interface SiteProject {
  id: string;
  key: string;
  name: string;
  /** The issue types one may create here (its issue type scheme); absent: Story, Bug, Task, Epic and Subtask. */
  issueTypes?: SiteIssueType[];
}

export interface BoardColumn {
  name: string;
  statusIds: string[];
}

export type BoardEstimation =
  | { type: 'field'; fieldId: string; displayName: string }
  | { type: 'issueCount' };

export interface SiteBoard {
  id: number;
  name: string;
  projectKey: string;
  filterId: number;
  /** Projects the board's filter shows issues of. Default: only its location, `projectKey`. */
  filterProjectKeys?: string[];
  /**
   * Who the board's filter is shared with (Jira shows a board only to those who may see its filter):
   * members of these projects and these people. Default: every member of the location project.
   */
  filterShares?: { projectKeys?: string[]; accountIds?: string[] };
  estimation: BoardEstimation;
  columns: BoardColumn[];
}

export interface SiteSprint {
  id: number;
  boardId: number;
  name: string;
  state: 'future' | 'active' | 'closed';
  goal: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
}

export interface ChangeItem {
  field: string;
  fieldId: string;
  fieldtype: 'jira' | 'custom';
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangeHistory {
  id: string;
  created: string;
  authorId: string;
  items: ChangeItem[];
}

export interface IssueLinkRef {
  type: 'Blocks';
  /** 'inward': this issue "is blocked by" `key`; 'outward': this issue "blocks" `key`. */
  direction: 'inward' | 'outward';
  key: string;
}

export interface SiteIssue {
  id: string;
  key: string;
  projectKey: string;
  issueType: 'Story' | 'Bug' | 'Task' | 'Epic' | 'Subtask';
  summary: string;
  /** Atlassian Document Format, or null when empty. */
  description: unknown | null;
  reporterId: string;
  assigneeId: string | null;
  created: string;
  updated: string;
  resolutiondate: string | null;
  labels: string[];
  parentKey: string | null;
  /** Lexicographic rank, like Jira's LexoRank string. */
  rank: string;
  statusId: string;
  storyPoints: number | null;
  sprintIds: number[];
  flagged: boolean;
  links: IssueLinkRef[];
  /** Issue entity properties (key → JSON value). */
  properties: Record<string, unknown>;
  changelog: ChangeHistory[];
  /** Issue security level (Site.securityLevels): only its members see the issue; none or null: all who may browse. */
  securityLevelId?: string | null;
}

/** An issue security level: a named set of people who may see the issues that carry it. */
export interface SiteSecurityLevel {
  id: string;
  name: string;
  memberAccountIds: string[];
  /** False: the app's own account is not in this level either (in Jira an admin must add it). Default: it is. */
  appMember?: boolean;
}

export interface SiteComment {
  id: string;
  issueKey: string;
  authorId: string;
  created: string;
  body: unknown;
}

export interface Site {
  /** Base URL the fixture pretends to live at; the emulator rewrites it to its own address. */
  name: string;
  generatedAt: string;
  statuses: SiteStatus[];
  users: SiteUser[];
  projects: SiteProject[];
  boards: SiteBoard[];
  sprints: SiteSprint[];
  issues: SiteIssue[];
  comments: SiteComment[];
  /** Issue security levels (one scheme for the whole site, for simplicity); optional. */
  securityLevels?: SiteSecurityLevel[];
}
