/**
 * Display helpers shared by the views. Numbers and dates follow the Jira locale ("1,5" and "4 mrt"
 * in Dutch); the Custom UI iframe has one locale, set once at start-up.
 */
import { numberFormat } from '../../../src/domain/message';

let locale: string | undefined;
let formatNumber = numberFormat(undefined);
export const setDisplayLocale = (l: string) => { locale = l; formatNumber = numberFormat(l); };

/** A number as the reader writes it ("1,5"). */
export const decimal = (x: number) => formatNumber(x);
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
export const num = (x: number | null | undefined, unit = '') => (x === null || x === undefined ? '—' : `${decimal(x)}${unit}`);
/** A short date ("Mar 4", "4 mrt"). */
export const day = (ms: number) => new Date(ms).toLocaleDateString(locale, { month: 'short', day: 'numeric' });
/** The estimation unit, abbreviated ("pts"), as a translation key. */
export const unitLabel = (unit: 'points' | 'hours' | 'issues') => `unitShort.${unit}`;
