/** Forge's limits on a Custom UI invoke, as the local runtime enforces them: payload, response, run time. */
import { asUser, privacy, route } from '@forge/api';
import { KvsStore } from '../../dev/host/kvsStore';
import { ForgeRuntime, INVOCATION_LIMITS, InvocationError } from '../../dev/host/forgeRuntime';

const runtime = new ForgeRuntime({ baseUrl: 'http://unused', authorizationFor: () => '' }, new KvsStore(null));
const context = { moduleKey: 'test', extension: {} };

/** A payload whose JSON is exactly `bytes` long. */
const payloadOf = (bytes: number) => ({ text: 'x'.repeat(bytes - '{"text":""}'.length) });

async function failure(run: Promise<unknown>) {
  return run.then(() => { throw new Error('expected the invocation to fail'); }, (e: unknown) => e as InvocationError);
}

test('a payload at the request limit reaches the function; one byte more is refused before it runs', async () => {
  const calls: unknown[] = [];
  const echo = async (event: { call: { payload: unknown } }) => { calls.push(event.call.payload); return 'ok'; };
  const limit = INVOCATION_LIMITS.requestPayloadBytes;
  await expect(runtime.invoke(echo, 'save', payloadOf(limit), 'a1', context)).resolves.toBe('ok');
  const error = await failure(runtime.invoke(echo, 'save', payloadOf(limit + 1), 'a1', context));
  expect(error).toBeInstanceOf(InvocationError);
  expect(error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(calls).toHaveLength(1);
});

test('an answer over the response limit reaches the caller as an error; one at the limit arrives', async () => {
  const answerOf = (bytes: number) => async () => 'x'.repeat(bytes - 2);
  await expect(runtime.invoke(answerOf(INVOCATION_LIMITS.responsePayloadBytes), 'read', {}, 'a1', context))
    .resolves.toHaveLength(INVOCATION_LIMITS.responsePayloadBytes - 2);
  const tooLarge = answerOf(INVOCATION_LIMITS.responsePayloadBytes + 1);
  const error = await failure(runtime.invoke(tooLarge, 'read', {}, 'a1', context));
  expect(error.code).toBe('RESPONSE_TOO_LARGE');
});

test('a resolver still running after 25 s is cut off with a timeout', async () => {
  jest.useFakeTimers();
  try {
    const never = () => new Promise<never>(() => {});
    const running = failure(runtime.invoke(never, 'slow', {}, 'a1', context));
    await jest.advanceTimersByTimeAsync(INVOCATION_LIMITS.resolverTimeoutMs - 1);
    let settled = false;
    void running.then(() => { settled = true; });
    await Promise.resolve();
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect((await running).code).toBe('TIMEOUT');
  } finally {
    jest.useRealTimers();
  }
});

test('a scheduled trigger has the trigger time limit: 55 s unless timeoutSeconds says more', async () => {
  jest.useFakeTimers();
  try {
    const never = () => new Promise<never>(() => {});
    const defaultLimit = failure(runtime.runScheduledTrigger(never, 'job'));
    await jest.advanceTimersByTimeAsync(INVOCATION_LIMITS.scheduledTriggerTimeoutMs);
    expect((await defaultLimit).code).toBe('TIMEOUT');
    const extended = failure(runtime.runScheduledTrigger(never, 'job', 120));
    let settled = false;
    void extended.then(() => { settled = true; });
    await jest.advanceTimersByTimeAsync(119_000);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1_000);
    expect((await extended).code).toBe('TIMEOUT');
  } finally {
    jest.useRealTimers();
  }
});

test('the local schedule runs a trigger on its interval, never two runs at once, and stop() waits for the running one', async () => {
  jest.useFakeTimers();
  try {
    let started = 0;
    let finish: () => void = () => {};
    const job = () => { started++; return new Promise<void>((resolve) => { finish = resolve; }); };
    const stop = runtime.scheduleTrigger(job, 'job', 1_000, (e) => { throw e; });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(1);
    await jest.advanceTimersByTimeAsync(3_000); // still running: no second run
    expect(started).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(2);
    let stopped = false;
    const stopping = stop().then(() => { stopped = true; });
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(5_000);
    expect(started).toBe(2);
  } finally {
    jest.useRealTimers();
  }
});

test('a scheduled trigger runs as the app: it reaches the privacy API, and asUser() has no user to act for', async () => {
  runtime.install();
  runtime.privacy.closedAccounts.add('gone-1');
  const answers = await runtime.runScheduledTrigger(() => privacy.reportPersonalData([
    { accountId: 'gone-1', updatedAt: '2026-01-01T00:00:00.000Z' },
    { accountId: 'here-1', updatedAt: '2026-01-01T00:00:00.000Z' },
  ]), 'job');
  expect(answers).toEqual([{ accountId: 'gone-1', status: 'closed' }]);
  await expect(runtime.runScheduledTrigger(() => asUser().requestJira(route`/rest/api/3/myself`), 'job'))
    .rejects.toThrow(/outside of an invocation/);
});

test('the privacy endpoint refuses what Atlassian refuses: more than 90 accounts, or no updatedAt', async () => {
  runtime.install();
  const many = Array.from({ length: 91 }, (_, i) => ({ accountId: `a-${i}`, updatedAt: '2026-01-01T00:00:00.000Z' }));
  expect(runtime.privacy.handle('POST', { accounts: many }).status).toBe(400);
  expect(runtime.privacy.handle('POST', { accounts: [{ accountId: 'a-1' }] }).status).toBe(400);
  expect(runtime.privacy.handle('POST', { accounts: many.slice(0, 90) }).status).toBe(204);
});
