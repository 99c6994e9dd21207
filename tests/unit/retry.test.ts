import { DEFAULT_RETRY, jsonBody, retryDelayMs } from '../../src/jira/client';

const policy = (random: number) => ({ ...DEFAULT_RETRY, random: () => random });

test('Retry-After is honoured, with a little jitter on top', () => {
  expect(retryDelayMs(0, '2', policy(0))).toBe(2000);
  expect(retryDelayMs(3, '2', policy(0.5))).toBe(2000 + 0.5 * DEFAULT_RETRY.baseDelayMs);
});

test('without Retry-After: full-jitter exponential back-off, capped', () => {
  expect(retryDelayMs(0, null, policy(1))).toBe(DEFAULT_RETRY.baseDelayMs);
  expect(retryDelayMs(2, null, policy(1))).toBe(DEFAULT_RETRY.baseDelayMs * 4);
  expect(retryDelayMs(10, null, policy(1))).toBe(DEFAULT_RETRY.maxDelayMs);
  expect(retryDelayMs(2, null, policy(0.25))).toBe(DEFAULT_RETRY.baseDelayMs);
  expect(retryDelayMs(1, 'soon', policy(1))).toBe(DEFAULT_RETRY.baseDelayMs * 2); // unparseable header → back-off
});

test('a successful answer without a body reads as undefined, not as a JSON error', async () => {
  await expect(jsonBody(new Response('', { status: 201 }))).resolves.toBeUndefined();
  await expect(jsonBody(new Response(null, { status: 204 }))).resolves.toBeUndefined();
  await expect(jsonBody(Promise.resolve(new Response('{"key":"HAR-1"}', { status: 201 })))).resolves.toEqual({ key: 'HAR-1' });
});
