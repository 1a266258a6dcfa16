/** Bounded retries with exponential backoff, used by consumers (handler failures) and the relay. */
export interface RetryPolicy {
  /** Attempts in total, the first delivery included; then the event is dead-lettered. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_CONSUMER_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
};

/** The relay never gives up on a row; only its waiting grows, up to `maxDelayMs`. */
export const DEFAULT_RELAY_BACKOFF: RetryPolicy = {
  maxAttempts: Number.POSITIVE_INFINITY,
  baseDelayMs: 100,
  maxDelayMs: 10_000,
};

/** Delay before attempt `failed + 1`, after `failed` consecutive failures (1-based). */
export function backoffDelay(policy: RetryPolicy, failed: number): number {
  if (failed < 1) return 0;
  const exp = policy.baseDelayMs * 2 ** Math.min(failed - 1, 30);
  return Math.min(policy.maxDelayMs, exp);
}

export function mayRetry(policy: RetryPolicy, attempt: number): boolean {
  return attempt < policy.maxAttempts;
}

export function retryPolicy(
  overrides: Partial<RetryPolicy> = {},
  base = DEFAULT_CONSUMER_RETRY,
): RetryPolicy {
  const policy = { ...base, ...overrides };
  if (!(policy.maxAttempts >= 1))
    throw new Error('messaging: retry.maxAttempts must be at least 1');
  if (policy.baseDelayMs < 0 || policy.maxDelayMs < policy.baseDelayMs) {
    throw new Error('messaging: retry delays must satisfy 0 <= baseDelayMs <= maxDelayMs');
  }
  return policy;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
