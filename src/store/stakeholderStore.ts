/**
 * Stakeholders per project, one key each, plus one key per link and one snapshot per sprint:
 *   stakeholder:{projectKey}:{id}
 *   stakeholder-link:{projectKey}:{issueKey}:{stakeholderId}
 *   stakeholder-snapshot:{projectKey}:{sprintId}      the map as it stood during that sprint
 * Deleting a stakeholder removes the record, its links and its entries in every snapshot.
 * A stakeholder who is a Jira user is noted in the account index (accountIndex.ts) before it is saved.
 */
import { kvs } from '@forge/kvs';
import { queryAll } from './query';
import { rememberAccounts, stakeholdersPlace } from './accountIndex';
import type { Stakeholder, StakeholderLink } from '../domain/stakeholders';

export interface Snapshot { sprintId: number; sprintName: string; takenAt: number; positions: { id: string; name: string; power: number; interest: number }[] }


export const listStakeholders = async (projectKey: string) => (await queryAll<Stakeholder>(`stakeholder:${projectKey}:`)).map((x) => x.value);
export const readStakeholder = (projectKey: string, id: string) => kvs.get<Stakeholder>(`stakeholder:${projectKey}:${id}`);
export async function saveStakeholder(projectKey: string, s: Stakeholder): Promise<void> {
  await rememberAccounts(stakeholdersPlace(projectKey), [s.accountId]);
  await kvs.set(`stakeholder:${projectKey}:${s.id}`, s);
}

export const listLinks = async (projectKey: string) => (await queryAll<StakeholderLink>(`stakeholder-link:${projectKey}:`)).map((x) => x.value);
export const saveLink = (projectKey: string, l: StakeholderLink) => kvs.set(`stakeholder-link:${projectKey}:${l.issueKey}:${l.stakeholderId}`, l);
export const deleteLink = (projectKey: string, issueKey: string, stakeholderId: string) => kvs.delete(`stakeholder-link:${projectKey}:${issueKey}:${stakeholderId}`);

export const listSnapshots = async (projectKey: string) => (await queryAll<Snapshot>(`stakeholder-snapshot:${projectKey}:`)).map((x) => x.value).sort((a, b) => a.takenAt - b.takenAt);
export const saveSnapshot = (projectKey: string, s: Snapshot) => kvs.set(`stakeholder-snapshot:${projectKey}:${s.sprintId}`, s);

/** Personal data goes everywhere it was: the record, its links, and every snapshot. */
export async function eraseStakeholder(projectKey: string, id: string): Promise<void> {
  await kvs.delete(`stakeholder:${projectKey}:${id}`);
  for (const l of (await listLinks(projectKey)).filter((x) => x.stakeholderId === id)) await deleteLink(projectKey, l.issueKey, id);
  for (const snap of await listSnapshots(projectKey)) {
    if (snap.positions.some((p) => p.id === id)) await saveSnapshot(projectKey, { ...snap, positions: snap.positions.filter((p) => p.id !== id) });
  }
}

/** A closed Atlassian account: every stakeholder that is that person goes, with links and snapshot entries. */
export async function eraseAccountFromStakeholders(projectKey: string, accountId: string): Promise<void> {
  for (const s of (await listStakeholders(projectKey)).filter((x) => x.accountId === accountId)) {
    await eraseStakeholder(projectKey, s.id);
  }
}
