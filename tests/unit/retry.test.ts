import { DEFAULT_RETRY, JiraRateLimitError, jsonBody, rateLimitStop, retryDelayMs } from '../../src/jira/client';

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

describe('a 429 that says stop', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  const headers = (h: Record<string, string>) => new Headers(h);

  test('a spent points quota stops at once, whatever the wait, and says when Jira takes requests again', () => {
    expect(rateLimitStop(headers({ 'retry-after': '5', 'ratelimit-reason': 'jira-quota-tenant-based' }), DEFAULT_RETRY, now))
      .toEqual({ retryAt: now + 5000 });
    expect(rateLimitStop(headers({ 'ratelimit-reason': 'jira-quota-global-based', 'x-ratelimit-reset': '2026-11-23T13:00Z' }), DEFAULT_RETRY, now))
      .toEqual({ retryAt: Date.parse('2026-11-23T13:00:00Z') });
    expect(rateLimitStop(headers({ 'ratelimit-reason': 'jira-quota-tenant-based' }), DEFAULT_RETRY, now)).toEqual({ retryAt: null });
  });

  test('a Retry-After longer than the longest wait the policy takes stops; a short one is retried as before', () => {
    const longest = (DEFAULT_RETRY.maxDelayMs * 2) / 1000;
    expect(rateLimitStop(headers({ 'retry-after': String(longest + 1) }), DEFAULT_RETRY, now)).toEqual({ retryAt: now + (longest + 1) * 1000 });
    expect(rateLimitStop(headers({ 'retry-after': String(longest), 'ratelimit-reason': 'jira-burst-based' }), DEFAULT_RETRY, now)).toBeUndefined();
    expect(rateLimitStop(headers({}), DEFAULT_RETRY, now)).toBeUndefined();
  });

  test('the error tells when to come back, or "later" when Jira did not say', () => {
    const what = { key: 'jira.what.sprints', params: { boardId: 1 } };
    const soon = new JiraRateLimitError(what, now + 47 * 60_000 - 1, false, now);
    expect(soon.status).toBe(429);
    expect(soon.text.params?.answer).toEqual({ key: 'jira.error.rateLimited', params: { minutes: 47, at: '12:46' } });
    expect(new JiraRateLimitError(what, null, false, now).text.params?.answer).toEqual({ key: 'jira.error.rateLimitedLater' });
  });
});
