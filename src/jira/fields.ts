import { route } from '@forge/api';
import { msg } from '../domain/message';
import { jsonBody, type JiraClient } from './client';
import type { JiraField } from './types';

export interface SiteFields {
  sprint: string;
  flagged: string | null;
  /** The Rank field, to read an order straight from the issues (lists come from the search index). */
  rank: string | null;
}

const SPRINT_TYPE = 'com.pyxis.greenhopper.jira:gh-sprint';
const RANK_TYPE = 'com.pyxis.greenhopper.jira:gh-lexo-rank';

/** Custom field ids differ per site: find Sprint and Flagged by type and name, as Jira Software defines them. */
export async function discoverFields(client: JiraClient): Promise<SiteFields> {
  const fields = await jsonBody<JiraField[]>(client.requestJira(route`/rest/api/3/field`, { what: msg('jira.what.fields') }));
  const sprint = fields.find((f) => f.schema?.custom === SPRINT_TYPE) ?? fields.find((f) => f.name === 'Sprint');
  if (!sprint) throw new Error('This Jira site has no Sprint field; is Jira Software installed?');
  const flagged = fields.find((f) => f.custom && f.name === 'Flagged');
  const rank = fields.find((f) => f.schema?.custom === RANK_TYPE);
  return { sprint: sprint.id, flagged: flagged?.id ?? null, rank: rank?.id ?? null };
}
