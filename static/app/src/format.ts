/** Display helpers shared by the views. */
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
export const num = (x: number | null | undefined, unit = '') => (x === null || x === undefined ? '—' : `${Math.round(x * 10) / 10}${unit}`);
export const day = (ms: number) => new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
export const unitLabel = (unit: 'points' | 'hours' | 'issues') => ({ points: 'pts', hours: 'h', issues: 'issues' })[unit];
