/** Wire shapes of the Jira responses the app reads: only the fields it uses. */

export interface JiraBoard {
  id: number;
  name: string;
  type?: string;
  location?: { projectId?: number; projectKey?: string; projectName?: string; displayName?: string };
}

export interface JiraBoardConfiguration {
  id: number;
  name: string;
  location?: { type?: 'project' | 'user'; projectKeyOrId?: string };
  columnConfig: { columns: { name: string; statuses: { id: string }[] }[] };
  estimation?: { type: 'none' | 'issueCount' | 'field'; field?: { fieldId: string; displayName: string } };
}

export interface JiraSprint {
  id: number;
  name: string;
  state: 'future' | 'active' | 'closed';
  goal?: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  originBoardId?: number;
}

export interface PagedValues<T> {
  values: T[];
  isLast?: boolean;
  startAt?: number;
  maxResults?: number;
  total?: number;
}

export interface JiraIssue {
  id: string;
  key: string;
  fields: Record<string, any>;
  properties?: Record<string, unknown>;
}

export interface TokenPage {
  issues: JiraIssue[];
  nextPageToken?: string | null;
  isLast?: boolean;
}

export interface JiraField {
  id: string;
  name: string;
  custom?: boolean;
  schema?: { type?: string; custom?: string; system?: string };
}

export interface BulkChangelogPage {
  issueChangeLogs?: {
    issueId: string;
    changeHistories?: { id: string; created: string; items?: { fieldId?: string; field?: string; from?: string | null; to?: string | null; fromString?: string | null; toString?: string | null }[] }[];
  }[];
  nextPageToken?: string | null;
}
