/**
 * Prioritisation: WSJF and value-vs-effort from scores entered per item, with business value
 * optionally derived from stakeholders' stated value weighted by their power and interest.
 * Pure: scores in, a suggested order and its difference from the current rank out.
 */

export interface Scores {
  /** 1..10 each; jobSize and effort ≥ 1. */
  value?: number;
  timeCriticality?: number;
  riskReduction?: number;
  jobSize?: number;
  effort?: number;
}

/** The score fields, in the order a form asks for them. */
export const SCORE_FIELDS = ['value', 'timeCriticality', 'riskReduction', 'jobSize', 'effort'] as const satisfies readonly (keyof Scores)[];

export interface StakeholderWeight { power: number; interest: number }

/** A stakeholder's influence on value: power counts double interest, scaled to 0..1. */
export function stakeholderWeight(s: StakeholderWeight): number {
  return (2 * s.power + s.interest) / 15;
}

/** Value from stakeholders' stated value (1..10), weighted by influence; null when nobody stated one. */
export function derivedValue(stated: { value: number; stakeholder: StakeholderWeight }[]): number | null {
  const weights = stated.map((s) => stakeholderWeight(s.stakeholder));
  const total = weights.reduce((a, b) => a + b, 0);
  if (!stated.length || total === 0) return null;
  return Math.round((stated.reduce((n, s, i) => n + s.value * weights[i], 0) / total) * 10) / 10;
}

export function wsjf(s: Scores, value: number | null): number | null {
  const v = s.value ?? value;
  if (v === null || v === undefined || s.timeCriticality === undefined || s.riskReduction === undefined || !s.jobSize) return null;
  return Math.round(((v + s.timeCriticality + s.riskReduction) / s.jobSize) * 100) / 100;
}

export function valueForEffort(s: Scores, value: number | null): number | null {
  const v = s.value ?? value;
  if (v === null || v === undefined || !s.effort) return null;
  return Math.round((v / s.effort) * 100) / 100;
}

export interface Ranked { key: string; score: number | null; currentRank: number; suggestedRank: number; moved: number }

/**
 * Suggested order: scored items by score (highest first, ties keep current order), then unscored
 * items in their current order — scoring nothing changes nothing.
 */
export function suggestOrder(items: { key: string; score: number | null }[]): Ranked[] {
  const indexed = items.map((it, i) => ({ ...it, currentRank: i + 1 }));
  const scored = indexed.filter((i) => i.score !== null).sort((a, b) => b.score! - a.score! || a.currentRank - b.currentRank);
  const rest = indexed.filter((i) => i.score === null);
  return [...scored, ...rest].map((it, i) => ({ key: it.key, score: it.score, currentRank: it.currentRank, suggestedRank: i + 1, moved: it.currentRank - (i + 1) }));
}

/**
 * Rank calls that put `order` into effect with Jira's rank API (≤50 issues a call): the first item
 * goes before the current top of the backlog, then each chunk after the item just before it.
 * No call ever ranks an issue relative to itself.
 */
export function rankPlan(order: string[], currentTop: string, chunk = 50): { issues: string[]; rankBeforeIssue?: string; rankAfterIssue?: string }[] {
  if (!order.length) return [];
  const plan: { issues: string[]; rankBeforeIssue?: string; rankAfterIssue?: string }[] = [];
  if (order[0] !== currentTop) plan.push({ issues: [order[0]], rankBeforeIssue: currentTop });
  for (let i = 1; i < order.length; i += chunk) plan.push({ issues: order.slice(i, i + chunk), rankAfterIssue: order[i - 1] });
  return plan;
}
