import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import { KVS_LIMITS, KvsStore } from '../../dev/host/kvsStore';
import { ForgeRuntime } from '../../dev/host/forgeRuntime';

const file = () => join(mkdtempSync(join(tmpdir(), 'kvs-')), 'kvs.json');

/** Drive the store through the real @forge/kvs client, as resolvers do. */
function install(store: KvsStore) {
  new ForgeRuntime({ baseUrl: 'http://unused', authorizationFor: () => '' }, store).install();
}

describe('local KVS through the real @forge/kvs client', () => {
  test('set, get, delete, and a missing key reads as undefined', async () => {
    const store = new KvsStore(null);
    install(store);
    await kvs.set('retro:1', { title: 'Sprint 7' });
    expect(await kvs.get('retro:1')).toEqual({ title: 'Sprint 7' });
    await kvs.delete('retro:1');
    expect(await kvs.get('retro:1')).toBeUndefined();
  });

  test('query pages by key prefix with at most 20 a page', async () => {
    const store = new KvsStore(null);
    install(store);
    for (let i = 0; i < 45; i++) await kvs.set(`card:r1:${String(i).padStart(3, '0')}`, i);
    await kvs.set('card:r2:000', 'other');
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith('card:r1:')).limit(20);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany<number>();
      expect(page.results.length).toBeLessThanOrEqual(20);
      seen.push(...page.results.map((r) => r.value));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => i));
  });

  test('every limit answers with the real status and code, and a rejected write stores nothing', async () => {
    const store = new KvsStore(null);
    install(store);
    const tooManyOps = kvs.transact();
    for (let i = 0; i <= KVS_LIMITS.transactionOps; i++) tooManyOps.set(`t:${i}`, i);
    let nested: unknown = 'leaf';
    for (let i = 0; i <= KVS_LIMITS.objectDepth; i++) nested = { nested };
    const cases: [string, () => Promise<unknown>, number, string][] = [
      ['empty key', () => kvs.set('', 1), 400, 'KEY_TOO_SHORT'],
      ['key over 500 characters', () => kvs.set('k'.repeat(KVS_LIMITS.keyLength + 1), 1), 400, 'KEY_TOO_LONG'],
      ['key outside the pattern', () => kvs.set('retro/1', 1), 400, 'INVALID_KEY'],
      ['value over 240 KiB', () => kvs.set('big', 'x'.repeat(KVS_LIMITS.valueBytes)), 400, 'MAX_SIZE'],
      ['value nested too deep', () => kvs.set('deep', nested), 400, 'MAX_DEPTH'],
      ['query limit over 20', () => kvs.query().limit(KVS_LIMITS.queryLimit + 1).getMany(), 400, 'LIST_QUERY_LIMIT_EXCEEDED'],
      ['transaction over 25 operations', () => tooManyOps.execute(), 400, 'BAD_REQUEST'],
      ['a key twice in one transaction', () => kvs.transact().set('t:1', 1).delete('t:1').execute(), 400, 'BAD_REQUEST'],
    ];
    for (const [what, run, status, code] of cases) {
      const error = await run().then(() => null, (e: unknown) => e);
      expect([what, error instanceof ForgeKvsAPIError]).toEqual([what, true]);
      const { responseDetails, code: answered } = error as ForgeKvsAPIError;
      expect([what, responseDetails.status, answered]).toEqual([what, status, code]);
    }
    expect(store.snapshot()).toEqual({});
  });

  test('limits hold exactly at the boundary: 500-character key, 240 KiB value, 20 a page, 25 operations', async () => {
    const store = new KvsStore(null);
    install(store);
    await kvs.set('k'.repeat(KVS_LIMITS.keyLength), 1);
    // JSON adds two quote characters to a string value.
    await kvs.set('big', 'x'.repeat(KVS_LIMITS.valueBytes - 2));
    expect((await kvs.query().limit(KVS_LIMITS.queryLimit).getMany()).results).toHaveLength(2);
    const tx = kvs.transact();
    for (let i = 0; i < KVS_LIMITS.transactionOps; i++) tx.set(`t:${i}`, i);
    await tx.execute();
    expect(Object.keys(store.snapshot())).toHaveLength(2 + KVS_LIMITS.transactionOps);
  });

  test("FAIL_IF_EXISTS on a key that exists answers 409 KEY_CONFLICT and keeps the first value", async () => {
    const store = new KvsStore(null);
    install(store);
    await kvs.set('lock', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    const error = await kvs.set('lock', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ForgeKvsAPIError);
    expect((error as ForgeKvsAPIError).responseDetails.status).toBe(409);
    expect((error as ForgeKvsAPIError).code).toBe('KEY_CONFLICT');
    expect(await kvs.get('lock')).toBe('first');
  });

  test('of concurrent FAIL_IF_EXISTS writes to one key exactly one wins, the rest get KEY_CONFLICT', async () => {
    const store = new KvsStore(null);
    new ForgeRuntime({ baseUrl: 'http://unused', authorizationFor: () => '' }, store, { kvsLatencyMs: 5 }).install();
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      kvs.set('lock', i, { keyPolicy: 'FAIL_IF_EXISTS' }).then(() => 'won', (e: ForgeKvsAPIError) => e.code)));
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'KEY_CONFLICT')).toHaveLength(11);
  });

  test('queries refuse what the service refuses: two where clauses, another field, an unknown condition', async () => {
    const store = new KvsStore(null);
    install(store);
    const refused = (body: unknown) => store.handle('/api/v1/query', body);
    const beginsWith = { property: 'key', condition: 'BEGINS_WITH', values: ['a'] };
    expect(refused({ where: [beginsWith, beginsWith] })[1]).toMatchObject({ code: 'QUERY_WHERE_INVALID' });
    expect(refused({ where: [{ ...beginsWith, property: 'value' }] })[1]).toMatchObject({ code: 'QUERY_WHERE_FIELD_INVALID' });
    expect(refused({ where: [{ ...beginsWith, condition: 'CONTAINS' }] })[1]).toMatchObject({ code: 'INVALID_FILTER_CONDITION' });
    expect(refused({ where: [{ ...beginsWith, condition: 'BETWEEN' }] })[1]).toMatchObject({ code: 'INVALID_FILTER_VALUES' });
  });

  test('concurrent writes to distinct keys are all kept', async () => {
    const store = new KvsStore(null);
    install(store);
    await Promise.all(Array.from({ length: 200 }, (_, i) => kvs.set(`vote:${i}`, i)));
    expect(Object.keys(store.snapshot())).toHaveLength(200);
  });

  test('data survives a restart of the store', async () => {
    const path = file();
    const first = new KvsStore(path);
    install(first);
    await kvs.set('stakeholder:1', { name: 'Henk' });
    first.flush();
    const second = new KvsStore(path);
    install(second);
    expect(await kvs.get('stakeholder:1')).toEqual({ name: 'Henk' });
  });
});
