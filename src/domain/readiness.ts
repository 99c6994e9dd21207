/**
 * Backlog readiness against a board's Definition of Ready, and refinement health. Pure: backlog
 * items, the DoR, velocity history and stakeholder links in; checks, runway and oldest items out.
 */
import { msg, type Message } from './message';
import { mean } from './stats';

export interface DefinitionOfReady {
  minDescriptionChars: number;
  requireAcceptanceCriteria: boolean;
  requireEstimate: boolean;
  /** Items above this estimate should be split; null = use half the average velocity of the last 3 sprints. */
  splitThreshold: number | null;
  requireParent: boolean;
  staleDays: number;
  requireNoBlockers: boolean;
  requireStakeholder: boolean;
}

export const DEFAULT_DOR: DefinitionOfReady = {
  minDescriptionChars: 80, requireAcceptanceCriteria: true, requireEstimate: true, splitThreshold: 13,
  requireParent: true, staleDays: 90, requireNoBlockers: true, requireStakeholder: true,
};

export interface BacklogItem {
  id: string;
  key: string;
  summary: string;
  type: string;
  created: string;
  updated: string;
  reporterId: string | null;
  estimate: number | null;
  /** Atlassian Document Format, or null. */
  description: unknown;
  parentKey: string | null;
  /** Keys of unresolved issues that block this one ("is blocked by"). */
  blockedBy: string[];
}

export type CheckId = 'description' | 'acceptanceCriteria' | 'estimate' | 'size' | 'parent' | 'fresh' | 'unblocked' | 'stakeholder';
export interface Check { id: CheckId; ok: boolean; detail: Message }
export interface ItemReadiness { key: string; ready: boolean; checks: Check[] }

const DAY = 86_400_000;

/** Plain text of an ADF document (or a string). */
export function adfText(doc: unknown): string {
  if (doc === null || doc === undefined) return '';
  if (typeof doc === 'string') return doc;
  const parts: string[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (n.type === 'text' && typeof n.text === 'string') parts.push(n.text);
    if (Array.isArray(n.content)) { for (const c of n.content) walk(c); if (['paragraph', 'heading', 'listItem', 'taskItem'].includes(n.type)) parts.push('\n'); }
  };
  walk(doc);
  return parts.join('').replace(/[ \t]+\n/g, '\n').trim();
}

/** Acceptance criteria: a heading that names them, Given/When/Then, or a checklist (taskList) in the ADF. */
export function hasAcceptanceCriteria(doc: unknown): boolean {
  let found = false;
  const walk = (n: any) => {
    if (found || !n || typeof n !== 'object') return;
    if (n.type === 'taskList') { found = true; return; }
    if (n.type === 'heading' && /acceptance criteria|acceptatiecriteria|definition of done|\bAC\b/i.test(adfText(n))) { found = true; return; }
    if (Array.isArray(n.content)) n.content.forEach(walk);
  };
  walk(doc);
  return found || /\bgiven\b[\s\S]*\bwhen\b[\s\S]*\bthen\b/i.test(adfText(doc)) || /\bgegeven\b[\s\S]*\bals\b[\s\S]*\bdan\b/i.test(adfText(doc));
}

/** Average velocity of the last 3 sprints: the yardstick for item size and runway. */
const recentAverage = (velocities: number[]) => mean(velocities.slice(-3));

export function effectiveSplitThreshold(dor: DefinitionOfReady, recentVelocities: number[]): number | null {
  if (dor.splitThreshold !== null) return dor.splitThreshold;
  const avg = recentAverage(recentVelocities);
  return avg === null ? null : avg / 2;
}

export function checkItem(item: BacklogItem, dor: DefinitionOfReady, ctx: { splitAt: number | null; stakeholderLinked: boolean; now: number }): ItemReadiness {
  const text = adfText(item.description);
  const ageDays = Math.floor((ctx.now - Date.parse(item.updated)) / DAY);
  const checks: Check[] = [];
  const add = (id: CheckId, applies: boolean, ok: boolean, detail: Message) => { if (applies) checks.push({ id, ok, detail }); };
  add('description', dor.minDescriptionChars > 0, text.length >= dor.minDescriptionChars, text.length ? msg('readiness.detail.description', { n: text.length, min: dor.minDescriptionChars }) : msg('readiness.detail.noDescription'));
  add('acceptanceCriteria', dor.requireAcceptanceCriteria, hasAcceptanceCriteria(item.description), msg('readiness.detail.acceptanceCriteria'));
  add('estimate', dor.requireEstimate, item.estimate !== null, item.estimate === null ? msg('readiness.detail.notEstimated') : msg('readiness.detail.estimated', { estimate: item.estimate }));
  add('size', ctx.splitAt !== null && item.estimate !== null, item.estimate !== null && ctx.splitAt !== null && item.estimate <= ctx.splitAt, msg('readiness.detail.splitAbove', { max: ctx.splitAt === null ? '—' : Math.round(ctx.splitAt * 10) / 10 }));
  add('parent', dor.requireParent, item.parentKey !== null, item.parentKey ? msg('readiness.detail.parent', { key: item.parentKey }) : msg('readiness.detail.noParent'));
  add('fresh', dor.staleDays > 0, ageDays <= dor.staleDays, msg('readiness.detail.updated', { days: ageDays }));
  add('unblocked', dor.requireNoBlockers, item.blockedBy.length === 0, item.blockedBy.length ? msg('readiness.detail.blockedBy', { keys: item.blockedBy.join(', ') }) : msg('readiness.detail.unblocked'));
  add('stakeholder', dor.requireStakeholder, ctx.stakeholderLinked, ctx.stakeholderLinked ? msg('readiness.detail.stakeholder') : msg('readiness.detail.noStakeholder'));
  return { key: item.key, ready: checks.every((c) => c.ok), checks };
}

export interface RefinementHealth {
  averageVelocity: number | null;
  /** Estimate of the unbroken run of ready items from the top of the backlog. */
  readyRunwayEstimate: number;
  /** readyRunwayEstimate / averageVelocity: sprints of ready work (aim for 1–2). */
  readyRunwaySprints: number | null;
  readyCount: number;
  oldestUnrefined: { key: string; summary: string; ageDays: number }[];
  tooBig: { key: string; estimate: number }[];
}

export function refinementHealth(items: BacklogItem[], readiness: ItemReadiness[], recentVelocities: number[], splitAt: number | null, now: number): RefinementHealth {
  const byKey = new Map(readiness.map((r) => [r.key, r]));
  let runway = 0;
  for (const item of items) {
    if (!byKey.get(item.key)?.ready) break;
    runway += item.estimate ?? 0;
  }
  const avg = recentAverage(recentVelocities);
  return {
    averageVelocity: avg,
    readyRunwayEstimate: runway,
    readyRunwaySprints: avg ? Math.round((runway / avg) * 10) / 10 : null,
    readyCount: readiness.filter((r) => r.ready).length,
    oldestUnrefined: items.filter((i) => !byKey.get(i.key)?.ready)
      .map((i) => ({ key: i.key, summary: i.summary, ageDays: Math.floor((now - Date.parse(i.created)) / DAY) }))
      .sort((a, b) => b.ageDays - a.ageDays).slice(0, 5),
    tooBig: splitAt === null ? [] : items.filter((i) => i.estimate !== null && i.estimate > splitAt).map((i) => ({ key: i.key, estimate: i.estimate! })),
  };
}
