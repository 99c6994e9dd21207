/**
 * Field history from current values plus changelog. Jira records no changelog entry for the value
 * an issue was created with, so the value at time t is the `from` of the first change after t, or
 * the current value when nothing changed since t.
 */

export type TrackedField = 'sprint' | 'estimate' | 'status' | 'flagged';

export interface FieldChange {
  at: number;
  field: TrackedField;
  from: string | null;
  to: string | null;
}

export class FieldHistory {
  /** Changes of one field of one issue, oldest first. */
  constructor(private readonly changes: FieldChange[], private readonly current: string | null) {}

  valueAt(t: number): string | null {
    for (const c of this.changes) if (c.at > t) return c.from;
    return this.current;
  }

  /** Changes in the half-open window (from, to]. */
  between(from: number, to: number): FieldChange[] {
    return this.changes.filter((c) => c.at > from && c.at <= to);
  }

  all(): readonly FieldChange[] { return this.changes; }
}

/** Sprint field values are comma-separated sprint ids ("12, 13"). */
export function sprintIdsOf(value: string | null): number[] {
  if (!value) return [];
  return value.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n));
}

export function numberOf(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Group changes by field, sorted by time (the changelog API sorts, but pages may interleave). */
export function historiesOf(changes: FieldChange[], current: Record<TrackedField, string | null>): Record<TrackedField, FieldHistory> {
  const by: Record<TrackedField, FieldChange[]> = { sprint: [], estimate: [], status: [], flagged: [] };
  for (const c of changes) by[c.field].push(c);
  const make = (f: TrackedField) => new FieldHistory(by[f].sort((a, b) => a.at - b.at), current[f]);
  return { sprint: make('sprint'), estimate: make('estimate'), status: make('status'), flagged: make('flagged') };
}
