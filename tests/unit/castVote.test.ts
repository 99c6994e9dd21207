/** castVote against the local KVS: the budget holds under concurrency; only a KEY_CONFLICT is a taken slot. */
import { ForgeKvsAPIError } from '@forge/kvs';
import { KvsStore } from '../../dev/host/kvsStore';
import { ForgeRuntime } from '../../dev/host/forgeRuntime';
import { castVote } from '../../src/store/retroStore';

const jira = { baseUrl: 'http://unused', authorizationFor: () => '' };

/** A store that answers every vote write with the given error, to see what castVote does with it. */
class FailingVoteStore extends KvsStore {
  constructor(private readonly answer: [number, unknown]) { super(null); }
  override handle(path: string, body: any): [number, unknown] {
    if (path === '/api/v1/set' && String(body.key).includes(':vote:')) return this.answer;
    return super.handle(path, body);
  }
}

test('concurrent votes by one voter never exceed the budget', async () => {
  const store = new KvsStore(null);
  new ForgeRuntime(jira, store, { kvsLatencyMs: 5 }).install();
  const cast = await Promise.all(Array.from({ length: 8 }, (_, i) => castVote('r1', 'alice', `card-${i}`, 3)));
  expect(cast.filter(Boolean)).toHaveLength(3);
  expect(Object.keys(store.snapshot()).filter((k) => k.startsWith('retro:r1:vote:alice:')).sort())
    .toEqual(['retro:r1:vote:alice:0', 'retro:r1:vote:alice:1', 'retro:r1:vote:alice:2']);
});

test('a slot that is taken (409 KEY_CONFLICT on every slot) means no vote left, not an error', async () => {
  const store = new FailingVoteStore([409, { code: 'KEY_CONFLICT', message: 'Key already exists' }]);
  new ForgeRuntime(jira, store).install();
  await expect(castVote('r1', 'alice', 'card-1', 3)).resolves.toBe(false);
});

test.each([
  ['another 409 code', 409, 'CONFLICTING_UPDATE'],
  ['a rate limit', 429, 'RATE_LIMIT_EXCEEDED'],
  ['a server error', 500, 'INTERNAL_SERVER_ERROR'],
  ['KEY_CONFLICT with another status', 400, 'KEY_CONFLICT'],
])('%s propagates instead of counting as a taken slot', async (_what, status, code) => {
  const store = new FailingVoteStore([status, { code, message: 'refused' }]);
  new ForgeRuntime(jira, store).install();
  const error = await castVote('r1', 'alice', 'card-1', 3).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ForgeKvsAPIError);
  expect((error as ForgeKvsAPIError).code).toBe(code);
});
