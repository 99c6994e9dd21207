/**
 * The subset of JQL the emulator understands: enough for what the app sends, strict about the rest
 * (an unknown field or syntax error is a 400, as on Jira with validateQuery=strict).
 *
 * Grammar: or := and ('OR' and)* ; and := not ('AND' not)* ; not := 'NOT' not | '(' or ')' | clause
 * clause := field op value ; op := = != > >= < <= ~ IN, NOT IN, IS, IS NOT ; value := word | "string" | (list) | fn()
 * Trailing `ORDER BY field [ASC|DESC], ...`.
 */
export interface JqlIssueView {
  get(field: string): unknown;
}

export class JqlError extends Error {}

type Value = { kind: 'scalar'; v: string } | { kind: 'list'; v: string[] } | { kind: 'empty' } | { kind: 'fn'; name: string };
type Node =
  | { t: 'and' | 'or'; a: Node; b: Node }
  | { t: 'not'; a: Node }
  | { t: 'clause'; field: string; op: string; value: Value };

export interface ParsedJql {
  where: Node | null;
  orderBy: { field: string; desc: boolean }[];
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(!=|>=|<=|=|>|<|~|\(|\)|,)|([A-Za-z0-9_.\-:+\[\]\/]+))/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(src);
    if (!m) throw new JqlError(`Error in the JQL Query: unexpected character at position ${TOKEN.lastIndex}.`);
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

const unquote = (s: string) => (/^["']/.test(s) ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);

export function parseJql(src: string): ParsedJql {
  const toks = tokenize(src);
  let i = 0;
  const peek = (k = 0) => toks[i + k];
  const upper = (k = 0) => peek(k)?.toUpperCase();
  const take = () => toks[i++];
  const expect = (s: string) => {
    if (upper() !== s.toUpperCase()) throw new JqlError(`Error in the JQL Query: expected '${s}' but got '${peek() ?? 'end of query'}'.`);
    return take();
  };

  const value = (): Value => {
    if (peek() === '(') {
      take();
      const v: string[] = [];
      while (peek() !== ')') {
        if (peek() === undefined) throw new JqlError('Error in the JQL Query: unclosed list.');
        v.push(unquote(take()));
        if (peek() === ',') take();
      }
      take();
      return { kind: 'list', v };
    }
    const w = take();
    if (w === undefined) throw new JqlError('Error in the JQL Query: expected a value.');
    if (/^(EMPTY|NULL)$/i.test(w)) return { kind: 'empty' };
    if (peek() === '(' && peek(1) === ')') { take(); take(); return { kind: 'fn', name: w.toLowerCase() }; }
    return { kind: 'scalar', v: unquote(w) };
  };

  const clause = (): Node => {
    const field = unquote(take() ?? '').toLowerCase();
    if (!field) throw new JqlError('Error in the JQL Query: expected a field.');
    let op = upper();
    if (op === 'NOT' && upper(1) === 'IN') { take(); take(); op = 'NOT IN'; }
    else if (op === 'IS' && upper(1) === 'NOT') { take(); take(); op = 'IS NOT'; }
    else if (op && ['=', '!=', '>', '>=', '<', '<=', '~', 'IN', 'IS'].includes(op)) take();
    else throw new JqlError(`Error in the JQL Query: expected an operator after '${field}'.`);
    return { t: 'clause', field, op: op!, value: value() };
  };

  const atom = (): Node => {
    if (upper() === 'NOT') { take(); return { t: 'not', a: atom() }; }
    if (peek() === '(') { take(); const n = or(); expect(')'); return n; }
    return clause();
  };
  const and = (): Node => {
    let n = atom();
    while (upper() === 'AND') { take(); n = { t: 'and', a: n, b: atom() }; }
    return n;
  };
  const or = (): Node => {
    let n = and();
    while (upper() === 'OR') { take(); n = { t: 'or', a: n, b: and() }; }
    return n;
  };

  const where = peek() === undefined || upper() === 'ORDER' ? null : or();
  const orderBy: ParsedJql['orderBy'] = [];
  if (upper() === 'ORDER') {
    take(); expect('BY');
    do {
      if (peek() === ',') take();
      const field = unquote(take() ?? '').toLowerCase();
      const dir = upper();
      if (dir === 'ASC' || dir === 'DESC') take();
      orderBy.push({ field, desc: dir === 'DESC' });
    } while (peek() === ',');
  }
  if (peek() !== undefined) throw new JqlError(`Error in the JQL Query: unexpected '${peek()}'.`);
  return { where, orderBy };
}

/** Field names the emulator can evaluate; anything else is rejected like Jira rejects unknown fields. */
export const JQL_FIELDS = new Set([
  'project', 'sprint', 'status', 'statuscategory', 'issuetype', 'type', 'updated', 'created', 'resolved', 'key', 'issuekey',
  'id', 'reporter', 'assignee', 'labels', 'parent', 'resolution', 'summary', 'text', 'rank',
]);

const asDate = (v: string) => {
  const t = Date.parse(v.replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/, '$1T$2:00Z').replace(/^(\d{4}-\d{2}-\d{2})$/, '$1T00:00:00Z').replace(/^(\d{4}\/\d{2}\/\d{2})/, (d) => d.replace(/\//g, '-')));
  if (Number.isNaN(t)) throw new JqlError(`Date value '${v}' for field is invalid.`);
  return t;
};

function compare(actual: unknown, op: string, value: Value, fns: Record<string, unknown[]>): boolean {
  const values: unknown[] = Array.isArray(actual) ? actual : actual === null || actual === undefined ? [] : [actual];
  const norm = (x: unknown) => String(x).toLowerCase();
  const targets = value.kind === 'list' ? value.v : value.kind === 'scalar' ? [value.v] : value.kind === 'fn' ? (fns[value.name] ?? (() => { throw new JqlError(`Unknown JQL function '${value.name}'.`); })()).map(String) : [];
  switch (op) {
    case 'IS': return value.kind === 'empty' ? values.length === 0 : false;
    case 'IS NOT': return value.kind === 'empty' ? values.length > 0 : false;
    case '=': case 'IN': return values.some((a) => targets.some((t) => norm(a) === norm(t)));
    case '!=': case 'NOT IN': return !values.some((a) => targets.some((t) => norm(a) === norm(t)));
    case '~': return values.some((a) => targets.some((t) => norm(a).includes(norm(t))));
    default: {
      if (value.kind !== 'scalar' || values.length === 0) return false;
      const a = values[0];
      const [x, y] = typeof a === 'number' ? [a, Number(value.v)] : [Date.parse(String(a)), asDate(value.v)];
      return op === '>' ? x > y : op === '>=' ? x >= y : op === '<' ? x < y : x <= y;
    }
  }
}

export function evaluate(node: Node | null, issue: JqlIssueView, fns: Record<string, unknown[]>): boolean {
  if (!node) return true;
  switch (node.t) {
    case 'and': return evaluate(node.a, issue, fns) && evaluate(node.b, issue, fns);
    case 'or': return evaluate(node.a, issue, fns) || evaluate(node.b, issue, fns);
    case 'not': return !evaluate(node.a, issue, fns);
    case 'clause': return compare(issue.get(node.field), node.op, node.value, fns);
  }
}

export function checkFields(parsed: ParsedJql) {
  const visit = (n: Node | null): void => {
    if (!n) return;
    if (n.t === 'clause') {
      if (!JQL_FIELDS.has(n.field) && !/^cf\[\d+\]$/.test(n.field)) throw new JqlError(`Field '${n.field}' does not exist or you do not have permission to view it.`);
    } else if (n.t === 'not') visit(n.a);
    else { visit(n.a); visit(n.b); }
  };
  visit(parsed.where);
}

/** Issue keys a query names (`key = X`, `key in (X, Y)`, also as `issuekey`): Jira checks each one exists. */
export function namedIssueKeys(parsed: ParsedJql): string[] {
  const keys: string[] = [];
  const visit = (n: Node | null): void => {
    if (!n) return;
    if (n.t === 'clause') {
      if (n.field !== 'key' && n.field !== 'issuekey') return;
      if (n.value.kind === 'scalar') keys.push(n.value.v);
      if (n.value.kind === 'list') keys.push(...n.value.v);
    } else if (n.t === 'not') visit(n.a);
    else { visit(n.a); visit(n.b); }
  };
  visit(parsed.where);
  return keys;
}
