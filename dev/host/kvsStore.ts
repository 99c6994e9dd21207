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
  queryLimit: 20,
  transactionOps: 25,
  batchItems: 25,
} as const;

interface Entry { value: unknown; createdAt: number; updatedAt: number; expireTime?: number }

export class KvsError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
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
      switch (op) {
        case 'get': case 'secret/get': {
          const e = this.live(this.scoped(op, body.key));
          if (!e) throw new KvsError(404, 'KEY_NOT_FOUND', 'The key was not found');
          return [200, { key: body.key, value: e.value, createdAt: e.createdAt, updatedAt: e.updatedAt, ...(e.expireTime ? { expireTime: new Date(e.expireTime).toISOString() } : {}) }];
        }
        case 'set': case 'secret/set': {
          const key = this.scoped(op, body.key);
          const previous = this.live(key);
          if (body.options?.keyPolicy === 'FAIL_IF_EXISTS' && previous) throw new KvsError(409, 'KEY_ALREADY_EXISTS', 'The key already exists');
          const entry = this.write(key, body.value, body.options?.ttl);
          if (body.options?.returnValue) {
            const e = body.options.returnValue === 'PREVIOUS' ? previous : entry;
            return [200, e ? { key: body.key, value: e.value, createdAt: e.createdAt, updatedAt: e.updatedAt } : null];
          }
          return [204, undefined];
        }
        case 'delete': case 'secret/delete':
          this.check(body.key);
          this.data.delete(this.scoped(op, body.key));
          this.scheduleSave();
          return [204, undefined];
        case 'query': return [200, this.query(body)];
        case 'batch/set': {
          const items = this.batch(body);
          const failedKeys: unknown[] = [];
          const successfulKeys: unknown[] = [];
          for (const it of items) {
            try { this.write(it.key, it.value, it.options?.ttl); successfulKeys.push({ key: it.key }); }
            catch (e) { failedKeys.push({ key: it.key, error: { code: (e as KvsError).code ?? 'INVALID', message: (e as Error).message } }); }
          }
          return [200, { successfulKeys, failedKeys }];
        }
        case 'batch/get': {
          const items = this.batch(body);
          const successfulKeys: unknown[] = [];
          const failedKeys: unknown[] = [];
          for (const it of items) {
            const e = this.live(it.key);
            if (e) successfulKeys.push({ key: it.key, value: e.value, createdAt: e.createdAt, updatedAt: e.updatedAt });
            else failedKeys.push({ key: it.key, error: { code: 'KEY_NOT_FOUND', message: 'The key was not found' } });
          }
          return [200, { successfulKeys, failedKeys }];
        }
        case 'batch/delete': {
          const items = this.batch(body);
          for (const it of items) this.data.delete(it.key);
          this.scheduleSave();
          return [200, { successfulKeys: items.map((it) => ({ key: it.key })), failedKeys: [] }];
        }
        case 'transaction': return this.transaction(body);
        default: throw new KvsError(404, 'NOT_FOUND', `Unknown KVS operation ${op}`);
      }
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

  private scoped(op: string, key: string) { this.check(key); return op.startsWith('secret/') ? `\u0000secret:${key}` : key; }

  private check(key: unknown) {
    if (typeof key !== 'string' || key.length === 0 || key.length > KVS_LIMITS.keyLength || !KEY_PATTERN.test(key)) {
      throw new KvsError(400, 'INVALID_KEY', `Keys must be 1-${KVS_LIMITS.keyLength} characters of [a-zA-Z0-9:._-#\\s]`);
    }
  }

  private live(key: string) {
    const e = this.data.get(key);
    if (e?.expireTime && e.expireTime <= Date.now()) { this.data.delete(key); return undefined; }
    return e;
  }

  private write(key: string, value: unknown, ttl?: { value: number; unit: string }) {
    this.check(key);
    if (value === undefined) throw new KvsError(400, 'INVALID_VALUE', 'A value is required');
    const size = Buffer.byteLength(JSON.stringify(value));
    if (size > KVS_LIMITS.valueBytes) throw new KvsError(413, 'VALUE_TOO_LARGE', `Value is ${size} bytes; the limit is ${KVS_LIMITS.valueBytes}`);
    const now = Date.now();
    const unit = { SECONDS: 1e3, MINUTES: 6e4, HOURS: 3.6e6, DAYS: 8.64e7 }[ttl?.unit ?? 'SECONDS'] ?? 1e3;
    const entry: Entry = { value, createdAt: this.live(key)?.createdAt ?? now, updatedAt: now, ...(ttl ? { expireTime: now + ttl.value * unit } : {}) };
    this.data.set(key, entry);
    this.scheduleSave();
    return entry;
  }

  private batch(body: any): { key: string; value?: unknown; options?: any }[] {
    if (!Array.isArray(body) || body.length === 0 || body.length > KVS_LIMITS.batchItems) {
      throw new KvsError(400, 'INVALID_REQUEST', `A batch takes 1-${KVS_LIMITS.batchItems} items`);
    }
    return body;
  }

  private query(body: any) {
    const limit = body.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > KVS_LIMITS.queryLimit) throw new KvsError(400, 'INVALID_LIMIT', `limit must be 1-${KVS_LIMITS.queryLimit}`);
    const where = (body.where ?? []) as { property: string; condition: string; values: unknown[] }[];
    const keys = [...this.data.keys()].filter((k) => !k.startsWith('\u0000') && this.live(k)).sort();
    const matching = keys.filter((k) => where.every((w) => {
      if (w.property !== 'key') throw new KvsError(400, 'INVALID_WHERE', 'Only the key can be queried');
      const v = String(w.values[0]);
      switch (w.condition) {
        case 'BEGINS_WITH': return k.startsWith(v);
        case 'BETWEEN': return k >= v && k <= String(w.values[1]);
        case 'GREATER_THAN': return k > v;
        case 'GREATER_THAN_EQUAL_TO': return k >= v;
        case 'LESS_THAN': return k < v;
        case 'LESS_THAN_EQUAL_TO': return k <= v;
        default: throw new KvsError(400, 'INVALID_WHERE', `Unsupported condition ${w.condition}`);
      }
    }));
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
      throw new KvsError(400, 'TOO_MANY_OPERATIONS', `A transaction takes at most ${KVS_LIMITS.transactionOps} operations`);
    }
    if (sets.some((s) => s.entityName) || deletes.some((d) => d.entityName) || checks.length) {
      throw new KvsError(400, 'UNSUPPORTED', 'Entity conditions are not supported by the local store');
    }
    // Validate everything first: a transaction applies all or nothing.
    for (const s of sets) {
      this.check(s.key);
      if (Buffer.byteLength(JSON.stringify(s.value ?? null)) > KVS_LIMITS.valueBytes) throw new KvsError(413, 'VALUE_TOO_LARGE', `Value for ${s.key} is too large`);
    }
    for (const d of deletes) this.check(d.key);
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
