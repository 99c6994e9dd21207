/** The site's Sprint/Flagged field ids rarely change: keep them a day so a report does not ask every time. */
import { kvs } from '@forge/kvs';
import type { SiteFields } from '../jira/fields';

const KEY = 'site:fields:v1';

export async function readSiteFields(): Promise<SiteFields | undefined> {
  return kvs.get<SiteFields>(KEY);
}

export async function writeSiteFields(fields: SiteFields): Promise<void> {
  await kvs.set(KEY, fields, { ttl: { value: 1, unit: 'DAYS' } });
}
