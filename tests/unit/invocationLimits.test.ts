/** Forge's limits on a Custom UI invoke, as the local runtime enforces them: payload, response, run time. */
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
  await expect(runtime.invoke(echo, 'save', payloadOf(INVOCATION_LIMITS.requestPayloadBytes), 'a1', context)).resolves.toBe('ok');
  const error = await failure(runtime.invoke(echo, 'save', payloadOf(INVOCATION_LIMITS.requestPayloadBytes + 1), 'a1', context));
  expect(error).toBeInstanceOf(InvocationError);
  expect(error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(calls).toHaveLength(1);
});

test('an answer over the response limit reaches the caller as an error; one at the limit arrives', async () => {
  const answerOf = (bytes: number) => async () => 'x'.repeat(bytes - 2);
  await expect(runtime.invoke(answerOf(INVOCATION_LIMITS.responsePayloadBytes), 'read', {}, 'a1', context))
    .resolves.toHaveLength(INVOCATION_LIMITS.responsePayloadBytes - 2);
  const error = await failure(runtime.invoke(answerOf(INVOCATION_LIMITS.responsePayloadBytes + 1), 'read', {}, 'a1', context));
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
