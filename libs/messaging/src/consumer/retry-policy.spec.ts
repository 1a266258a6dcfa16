import { backoffDelay, DEFAULT_CONSUMER_RETRY, mayRetry, retryPolicy } from './retry-policy';

describe('retry policy', () => {
  const policy = retryPolicy({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 500 });

  it('doubles the delay after each failure and caps it', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n))).toEqual([100, 200, 400, 500, 500]);
  });

  it('does not wait before the first attempt', () => {
    expect(backoffDelay(policy, 0)).toBe(0);
  });

  it('allows exactly maxAttempts attempts in total', () => {
    expect([1, 2, 3, 4].map((a) => mayRetry(policy, a))).toEqual([true, true, true, false]);
  });

  it('defaults to five attempts', () => {
    expect(retryPolicy()).toEqual(DEFAULT_CONSUMER_RETRY);
    expect(DEFAULT_CONSUMER_RETRY.maxAttempts).toBe(5);
  });

  it('refuses nonsensical settings at boot', () => {
    expect(() => retryPolicy({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => retryPolicy({ baseDelayMs: 10, maxDelayMs: 5 })).toThrow(/delays/);
  });

  it('never overflows for a relay that has failed for a long time', () => {
    expect(
      backoffDelay({ maxAttempts: Infinity, baseDelayMs: 100, maxDelayMs: 10_000 }, 5_000),
    ).toBe(10_000);
  });
});
