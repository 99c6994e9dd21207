/**
 * A local stand-in for Forge's Key Value Store, speaking the same wire protocol that the real
 * `@forge/kvs` client sends (`POST /api/v1/get|set|delete|query|batch/*|transaction`), enforcing
 * Forge's documented limits, and persisted to a JSON file so data survives a restart.
 * Every operation is applied synchronously to one in-memory map, so concurrent invocations never
 * interleave inside an operation — the same atomicity per key that KVS gives.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const KVS_LIMITS = {
  keyLength: 500,
  valueBytes: 240 * 1024,
  /** Nesting levels a value may have (limits page: "Object depth 31"). */
  objectDepth: 31,
  queryLimit: 20,
  transactionOps: 25,
  batchItems: 25,
} as const;

/**
 * The error codes the KVS service answers with, as `{ code, message }` bodies that @forge/kvs turns
 * into a ForgeKvsAPIError (utils/error-handling.js: `code` and `message` from the body, the HTTP
 * status in `responseDetails.status`).
 *  - Key, value and query codes: https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs
 *    ("Each 400 Bad Request response will be accompanied by an error code").
 *  - KEY_NOT_FOUND (404): the code @forge/kvs itself checks in storage-api.js handleKeyNotFound.
 *  - KEY_CONFLICT (409) for `keyPolicy: 'FAIL_IF_EXISTS'` on a key that exists: not in Atlassian's error
 *    table; observed against the real service (twelve concurrent FAIL_IF_EXISTS writes: one 204, eleven
 *    409 KEY_CONFLICT —
 *    https://hashnode.com/posts/forge-kvs-locking-failifexists-vs-ttl-leases/6aad018918f3424d9a9ae29b).
 *  - BAD_REQUEST (400): the generic code of a request the service refuses as a whole (the body shape
 *    @forge/kvs's own tests use); used for limits the error table gives no code of its own
 *    (transaction and batch sizes, a key used twice in one transaction).
 */
export const KVS_ERRORS = {
  keyTooShort: { status: 400, code: 'KEY_TOO_SHORT' },
  keyTooLong: { status: 400, code: 'KEY_TOO_LONG' },
  invalidKey: { status: 400, code: 'INVALID_KEY' },
  notFound: { status: 404, code: 'KEY_NOT_FOUND' },
  conflict: { status: 409, code: 'KEY_CONFLICT' },
  maxSize: { status: 400, code: 'MAX_SIZE' },
  maxDepth: { status: 400, code: 'MAX_DEPTH' },
  queryLimit: { status: 400, code: 'LIST_QUERY_LIMIT_EXCEEDED' },
  whereInvalid: { status: 400, code: 'QUERY_WHERE_INVALID' },
  whereFieldInvalid: { status: 400, code: 'QUERY_WHERE_FIELD_INVALID' },
  filterCondition: { status: 400, code: 'INVALID_FILTER_CONDITION' },
  filterValues: { status: 400, code: 'INVALID_FILTER_VALUES' },
  badRequest: { status: 400, code: 'BAD_REQUEST' },
} as const;

type KvsErrorKind = keyof typeof KVS_ERRORS;

interface Entry { value: unknown; createdAt: number; updatedAt: number; expireTime?: number }

export class KvsError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(kind: KvsErrorKind, message: string) {
    super(message);
    this.status = KVS_ERRORS[kind].status;
    this.code = KVS_ERRORS[kind].code;
  }
}

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export class KvsStore {
  private readonly data = new Map<string, Entry>();
  private saveTimer: NodeJS.Timeout | null = null;
  /** Operation counts, for benchmarks and cache tests. */
  readonly ops: Record<string, number> = {};

  constructor(private readonly file: string | null = null) {
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>;
      for (const [k, v] of Object.entries(saved)) this.data.set(k, v);
    }
  }

  /** Handle one KVS API call; returns [status, body] exactly as the KVS service would. */
  handle(path: string, body: any): [number, unknown] {
    const op = path.replace(/^\/api\/v1\//, '');
    this.ops[op] = (this.ops[op] ?? 0) + 1;
    try {
      return this.dispatch(op, body);
    } catch (e) {
      if (e instanceof KvsError) return [e.status, { code: e.code, message: e.message }];
      throw e;
    }
  }

  /** Every live key, for tests that assert "nothing stored". */
  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k] of this.data) { const e = this.live(k); if (e) out[k] = e.value; }
    return out;
  }

  /** Forget everything (tests that measure cold loads). */
  clear() {
    this.data.clear();
    this.scheduleSave();
  }

  flush() {
    if (this.saveTimer) { clearTimeout(this.saveTimer); this.saveTimer = null; }
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.data)));
    renameSync(tmp, this.file);
  }

  private dispatch(op: string, body: any): [number, unknown] {
    switch (op) {
      case 'get': case 'secret/get': return this.get(this.scoped(op, body.key), body.key);
      case 'set': case 'secret/set': return this.set(this.scoped(op, body.key), body);
      case 'delete': case 'secret/delete':
        this.data.delete(this.scoped(op, body.key));
        this.scheduleSave();
        return [204, undefined];
      case 'query': return [200, this.query(body)];
      case 'batch/set': return [200, this.batchSet(body)];
      case 'batch/get': return [200, this.batchGet(body)];
      case 'batch/delete': {
        const items = this.batch(body);
        for (const it of items) this.checkKey(it.key);
        for (const it of items) this.data.delete(it.key);
        this.scheduleSave();
        return [200, { successfulKeys: items.map((it) => ({ key: it.key })), failedKeys: [] }];
      }
      case 'transaction': return this.transaction(body);
      default: return [404, { code: 'NOT_FOUND', message: `Unknown KVS operation ${op}` }];
    }
  }

  private get(key: string, asked: string): [number, unknown] {
    const e = this.live(key);
    if (!e) throw new KvsError('notFound', 'Provided key does not exist');
    const expiry = e.expireTime ? { expireTime: new Date(e.expireTime).toISOString() } : {};
    return [200, { key: asked, value: e.value, createdAt: e.createdAt, updatedAt: e.updatedAt, ...expiry }];
  }

  private set(key: string, body: any): [number, unknown] {
    const previous = this.live(key);
    if (body.options?.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
      throw new KvsError('conflict', `Key ${body.key} already exists`);
    }
    const entry = this.write(key, body.value, body.options?.ttl);
    if (!body.options?.returnValue) return [204, undefined];
    const e = body.options.returnValue === 'PREVIOUS' ? previous : entry;
    return [200, e ? { key: body.key, value: e.value, createdAt: e.createdAt, updatedAt: e.updatedAt } : null];
  }

  private batchSet(body: any) {
    const failedKeys: unknown[] = [];
    const successfulKeys: unknown[] = [];
    for (const it of this.batch(body)) {
      try {
        this.write(it.key, it.value, it.options?.ttl);
        successfulKeys.push({ key: it.key });
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        failedKeys.push({ key: it.key, error: { code: e.code, message: e.message } });
      }
    }
    return { successfulKeys, failedKeys };
  }

  private batchGet(body: any) {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const it of this.batch(body)) {
      const e = this.live(it.key);
      if (e) successfulKeys.push({ key: it.key, value: e.value, createdAt: e.createdAt, updatedAt: e.updatedAt });
      else failedKeys.push({ key: it.key, error: { code: KVS_ERRORS.notFound.code, message: 'Key does not exist' } });
    }
    return { successfulKeys, failedKeys };
  }

  private scoped(op: string, key: string) {
    this.checkKey(key);
    return op.startsWith('secret/') ? `\u0000secret:${key}` : key;
  }

  private checkKey(key: unknown) {
    if (typeof key !== 'string' || key.length === 0) throw new KvsError('keyTooShort', 'Key cannot be empty');
    if (key.length > KVS_LIMITS.keyLength) {
      throw new KvsError('keyTooLong', `The provided key has exceeded the maximum ${KVS_LIMITS.keyLength} characters`);
    }
    if (!KEY_PATTERN.test(key)) throw new KvsError('invalidKey', `The provided key does not match ${KEY_PATTERN}`);
  }

  private checkValue(value: unknown) {
    if (value === undefined) throw new KvsError('badRequest', 'A value is required');
    const size = Buffer.byteLength(JSON.stringify(value));
    if (size > KVS_LIMITS.valueBytes) {
      throw new KvsError('maxSize', `The value is ${size} bytes; the maximum is ${KVS_LIMITS.valueBytes}`);
    }
    if (depthOf(value) > KVS_LIMITS.objectDepth) {
      throw new KvsError('maxDepth', `The value is nested deeper than ${KVS_LIMITS.objectDepth} levels`);
    }
  }

  private live(key: string) {
    const e = this.data.get(key);
    if (e?.expireTime && e.expireTime <= Date.now()) { this.data.delete(key); return undefined; }
    return e;
  }

  private write(key: string, value: unknown, ttl?: { value: number; unit: string }) {
    this.checkKey(key);
    this.checkValue(value);
    const now = Date.now();
    const unit = { SECONDS: 1e3, MINUTES: 6e4, HOURS: 3.6e6, DAYS: 8.64e7 }[ttl?.unit ?? 'SECONDS'] ?? 1e3;
    const entry: Entry = {
      value, createdAt: this.live(key)?.createdAt ?? now, updatedAt: now,
      ...(ttl ? { expireTime: now + ttl.value * unit } : {}),
    };
    this.data.set(key, entry);
    this.scheduleSave();
    return entry;
  }

  private batch(body: any): { key: string; value?: unknown; options?: any }[] {
    if (!Array.isArray(body) || body.length === 0 || body.length > KVS_LIMITS.batchItems) {
      throw new KvsError('badRequest', `A batch takes 1-${KVS_LIMITS.batchItems} items`);
    }
    return body;
  }

  private query(body: any) {
    const limit = body.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > KVS_LIMITS.queryLimit) {
      throw new KvsError('queryLimit', `The limit must be 1-${KVS_LIMITS.queryLimit}`);
    }
    const where = (body.where ?? []) as { property: string; condition: string; values: unknown[] }[];
    if (where.length > 1) throw new KvsError('whereInvalid', 'KVS queries take a single "where" clause');
    const matches = where.length ? keyCondition(where[0]) : () => true;
    const matching = [...this.data.keys()].filter((k) => !k.startsWith('\u0000') && this.live(k) && matches(k)).sort();
    const start = body.after ? matching.findIndex((k) => k > Buffer.from(body.after, 'base64url').toString('utf8')) : 0;
    const from = start < 0 ? matching.length : start;
    const page = matching.slice(from, from + limit);
    const more = from + limit < matching.length;
    return {
      data: page.map((key) => ({ key, value: this.data.get(key)!.value })),
      ...(more ? { cursor: Buffer.from(page[page.length - 1], 'utf8').toString('base64url') } : {}),
    };
  }

  private transaction(body: any): [number, unknown] {
    const sets: any[] = body.set ?? [];
    const deletes: any[] = body.delete ?? [];
    const checks: any[] = body.check ?? [];
    if (sets.length + deletes.length + checks.length > KVS_LIMITS.transactionOps) {
      throw new KvsError('badRequest', `A transaction takes at most ${KVS_LIMITS.transactionOps} operations`);
    }
    if (sets.some((s) => s.entityName) || deletes.some((d) => d.entityName) || checks.length) {
      throw new KvsError('badRequest', 'Entity conditions are not supported by the local store');
    }
    // Validate everything first: a transaction applies all or nothing.
    const keys = [...sets, ...deletes].map((op) => op.key);
    if (new Set(keys).size !== keys.length) {
      throw new KvsError('badRequest', 'Each key can only be used once in a transaction');
    }
    for (const key of keys) this.checkKey(key);
    for (const s of sets) this.checkValue(s.value);
    for (const s of sets) this.write(s.key, s.value, s.options?.ttl);
    for (const d of deletes) this.data.delete(d.key);
    this.scheduleSave();
    return [204, undefined];
  }

  private scheduleSave() {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), 100);
  }
}

/** How many levels a JSON value nests: a scalar is 0, `{a: 1}` is 1. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce((deepest: number, child) => Math.max(deepest, depthOf(child)), 0);
}

/** The key predicate of one `where` clause, refusing what the service refuses. */
function keyCondition(w: { property: string; condition: string; values: unknown[] }): (key: string) => boolean {
  if (w.property !== 'key') throw new KvsError('whereFieldInvalid', 'Only the key can be queried');
  const values = (w.values ?? []).map(String);
  const arity = w.condition === 'BETWEEN' ? 2 : 1;
  const known = ['BEGINS_WITH', 'BETWEEN', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'];
  if (!known.includes(w.condition)) throw new KvsError('filterCondition', `Unsupported condition ${w.condition}`);
  if (values.length !== arity) throw new KvsError('filterValues', `${w.condition} takes ${arity} value(s)`);
  const [v, upper] = values;
  switch (w.condition) {
    case 'BEGINS_WITH': return (k) => k.startsWith(v);
    case 'BETWEEN': return (k) => k >= v && k <= upper;
    case 'GREATER_THAN': return (k) => k > v;
    case 'GREATER_THAN_EQUAL_TO': return (k) => k >= v;
    case 'LESS_THAN': return (k) => k < v;
    default: return (k) => k <= v;
  }
}
