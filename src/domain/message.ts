/**
 * Words the app shows are translation keys plus parameters, never finished sentences: the domain
 * decides *what* to say, the reader's locale decides *how*. The UI renders a Message with the
 * Forge translations it loaded; an export rendered on the server uses the same `render`.
 * A parameter may itself be a Message (a metric's name inside a question), rendered first.
 */
export type Param = string | number | Message;
export type Params = Record<string, Param>;
export interface Message { key: string; params?: Params }

export const msg = (key: string, params?: Params): Message => (params ? { key, params } : { key });

/** `key.one` or `key.other` by count; the count is `{n}`. */
export const plural = (n: number, key: string, params: Params = {}): Message => msg(`${key}.${n === 1 ? 'one' : 'other'}`, { n, ...params });

/** The user's own words (a card, a name): shown as written, in every language. */
export const verbatim = (text: string): Message => msg('text', { text });

/** Looks up a key in the reader's language (Forge's translation function). */
export type Translate = (key: string) => string;

/** How one person reads: the words of their language, and numbers written their way ("1,5"). */
export interface Reader { translate: Translate; formatNumber: (n: number) => string }

/** Numbers as shown everywhere in the app: at most one decimal, the locale's decimal sign, no grouping (ids stay ids). */
export function numberFormat(locale: string | undefined): (n: number) => string {
  const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: false });
  return (n) => f.format(n);
}

/** Fills `{name}` placeholders; values are inserted as they are (a `{` in a card stays a `{`). */
export const fill = (template: string, params: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));

/** Renders a message; `formatNumber` writes numbers as the reader does ("1,5" in Dutch). */
export function render(m: Message, translate: Translate, formatNumber: (n: number) => string = String): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) {
    params[k] = typeof v === 'object' ? render(v, translate, formatNumber) : typeof v === 'number' ? formatNumber(v) : v;
  }
  return fill(translate(m.key), params);
}

