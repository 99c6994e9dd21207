import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { quadrant, stakeholderInsights, stakeholderPrompts, type Stakeholder } from '../domain/stakeholders';
import { msg } from '../domain/message';
import { listBoards, listSprints } from '../jira/boards';
import { findIssue } from '../jira/issues';
import { canBrowseProject } from '../jira/permissions';
import * as store from '../store/stakeholderStore';
import { authorizeBoard } from './access';
import { issueKey, projectKey, resolver, UserError, type Caller } from './envelope';
import { factsOfSprints } from './sprintFacts';

/** Only people who may browse the project read or change its stakeholder map. */
async function authorizeProject(caller: Caller, key: string) {
  if (!(await canBrowseProject(caller.client, key))) throw new UserError('NOT_FOUND', msg('error.projectNotFound', { project: key }));
}

/** The project's Scrum board: where its sprints (and so its snapshots and insights) come from. */
async function projectBoard(caller: Caller, key: string) {
  const board = (await listBoards(caller.client, key))[0];
  return board ? authorizeBoard(caller.client, board.id) : null;
}

const stakeholderSchema = z.object({
  id: z.string().uuid().optional(),
  accountId: z.string().min(1).max(128).regex(/^[A-Za-z0-9:_-]+$/).nullable(),
  name: z.string().trim().min(1).max(100),
  role: z.string().max(100).default(''),
  power: z.number().int().min(1).max(5),
  interest: z.number().int().min(1).max(5),
  attitude: z.enum(['champion', 'supporter', 'neutral', 'critic', 'blocker']).default('neutral'),
  notes: z.string().max(2000).default(''),
  lastContact: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-20').nullable().default(null),
}).strict();

export const getStakeholderMap = resolver(z.object({ projectKey }).strict(), async ({ projectKey: key }, caller) => {
  await authorizeProject(caller, key);
  const [stakeholders, links, snapshots] = await Promise.all([store.listStakeholders(key), store.listLinks(key), store.listSnapshots(key)]);
  return { data: { stakeholders: stakeholders.map((s) => ({ ...s, quadrant: quadrant(s) })), links, snapshots } };
});

/** Save a stakeholder and record where the map stands for the running sprint. */
export const saveStakeholder = resolver(z.object({ projectKey, stakeholder: stakeholderSchema }).strict(), async ({ projectKey: key, stakeholder }, caller) => {
  await authorizeProject(caller, key);
  if (stakeholder.id && !(await store.readStakeholder(key, stakeholder.id))) throw new UserError('NOT_FOUND', msg('error.stakeholderGone'));
  const saved: Stakeholder = { ...stakeholder, id: stakeholder.id ?? randomUUID() } as Stakeholder;
  await store.saveStakeholder(key, saved);
  const board = await projectBoard(caller, key);
  const active = board ? (await listSprints(caller.client, board.id, 'active'))[0] : undefined;
  if (active) {
    const all = await store.listStakeholders(key);
    await store.saveSnapshot(key, { sprintId: active.id, sprintName: active.name, takenAt: Date.now(), positions: all.map((s) => ({ id: s.id, name: s.name, power: s.power, interest: s.interest })) });
  }
  return { data: { ...saved, quadrant: quadrant(saved) } };
});

export const deleteStakeholder = resolver(z.object({ projectKey, id: z.string().uuid() }).strict(), async ({ projectKey: key, id }, caller) => {
  await authorizeProject(caller, key);
  if (!(await store.readStakeholder(key, id))) throw new UserError('NOT_FOUND', msg('error.stakeholderGone'));
  await store.eraseStakeholder(key, id);
  return { data: { id } };
});

export const linkStakeholder = resolver(z.object({
  projectKey, stakeholderId: z.string().uuid(), issueKey, relation: z.enum(['asked', 'benefits']), statedValue: z.number().int().min(1).max(10).nullable().default(null),
}).strict(), async (input, caller) => {
  await authorizeProject(caller, input.projectKey);
  if (!(await store.readStakeholder(input.projectKey, input.stakeholderId))) throw new UserError('NOT_FOUND', msg('error.stakeholderGone'));
  if (!input.issueKey.startsWith(`${input.projectKey}-`) || !(await findIssue(caller.client, input.issueKey, ['id']))) {
    throw new UserError('NOT_FOUND', msg('error.issueNotInProject', { key: input.issueKey, project: input.projectKey }));
  }
  const link = { stakeholderId: input.stakeholderId, issueKey: input.issueKey, relation: input.relation, statedValue: input.statedValue };
  await store.saveLink(input.projectKey, link);
  return { data: link };
});

export const unlinkStakeholder = resolver(z.object({ projectKey, stakeholderId: z.string().uuid(), issueKey }).strict(), async (input, caller) => {
  await authorizeProject(caller, input.projectKey);
  await store.deleteLink(input.projectKey, input.issueKey, input.stakeholderId);
  return { data: { issueKey: input.issueKey } };
});

/** What the last N sprints delivered to whom, back-door requests, contact gaps — and PO prompts. */
export const getStakeholderInsights = resolver(z.object({ projectKey, sprints: z.number().int().min(1).max(10).default(5) }).strict(), async ({ projectKey: key, sprints: n }, caller) => {
  await authorizeProject(caller, key);
  const board = await projectBoard(caller, key);
  const [stakeholders, links] = await Promise.all([store.listStakeholders(key), store.listLinks(key)]);
  if (!board) return { data: { insights: [], prompts: [], sprints: [] } };
  const recent = (await listSprints(caller.client, board.id)).slice(-n);
  const { facts, warnings } = await factsOfSprints(caller.client, board, recent);
  const insights = stakeholderInsights(stakeholders, links, facts, Date.now());
  return { data: { insights, prompts: stakeholderPrompts(stakeholders, insights, facts.length), sprints: facts.map((f) => f.sprint.name) }, warnings };
});
