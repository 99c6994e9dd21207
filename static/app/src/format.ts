/** Display helpers shared by the views. */
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
export const num = (x: number | null | undefined, unit = '') => (x === null || x === undefined ? '—' : `${Math.round(x * 10) / 10}${unit}`);
/** A short date in the reader's Jira locale ("Mar 4", "4 mrt"). */
export const day = (ms: number, locale?: string) => new Date(ms).toLocaleDateString(locale, { month: 'short', day: 'numeric' });
/** The estimation unit, abbreviated ("pts"), as a translation key. */
export const unitLabel = (unit: 'points' | 'hours' | 'issues') => `unitShort.${unit}`;
