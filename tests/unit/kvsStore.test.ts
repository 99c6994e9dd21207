import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kvs, WhereConditions } from '@forge/kvs';
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
    await expect(kvs.query().limit(21).getMany()).rejects.toThrow(/limit/);
  });

  test('limits: key length, value size, transaction size — and a rejected write stores nothing', async () => {
    const store = new KvsStore(null);
    install(store);
    await expect(kvs.set('k'.repeat(KVS_LIMITS.keyLength + 1), 1)).rejects.toThrow(/Keys must be/);
    await expect(kvs.set('big', 'x'.repeat(KVS_LIMITS.valueBytes))).rejects.toThrow(/limit/);
    const tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx.set(`t:${i}`, i);
    await expect(tx.execute()).rejects.toThrow(/at most 25/);
    expect(store.snapshot()).toEqual({});
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
