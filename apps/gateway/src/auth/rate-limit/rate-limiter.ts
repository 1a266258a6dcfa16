import type { RateLimitPolicy } from './rate-limit-policy';

export interface RateLimitResult {
  allowed: boolean;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Seconds until the current window ends (whole seconds, at least 1). */
  resetSeconds: number;
}

/**
 * Counts requests per key in fixed windows aligned to the epoch (`floor(now / window)`), so every
 * gateway instance agrees on where a window starts. A fixed window lets a client send up to
 * twice its limit across one boundary; that is the accepted price of one counter per window.
 */
export abstract class RateLimiter {
  abstract consume(key: string, policy: RateLimitPolicy): Promise<RateLimitResult>;
  abstract close(): Promise<void>;

  /** Resolves once the limiter can count as intended (or after `maxWaitMs`, false). */
  ready(_maxWaitMs: number): Promise<boolean> {
    return Promise.resolve(true);
  }
}

export function windowOf(
  nowMs: number,
  policy: RateLimitPolicy,
): { index: number; endsInMs: number } {
  const windowMs = policy.windowSeconds * 1000;
  const index = Math.floor(nowMs / windowMs);
  return { index, endsInMs: (index + 1) * windowMs - nowMs };
}

export function resultOf(
  count: number,
  policy: RateLimitPolicy,
  endsInMs: number,
): RateLimitResult {
  return {
    allowed: count <= policy.limit,
    remaining: Math.max(0, policy.limit - count),
    resetSeconds: Math.max(1, Math.ceil(endsInMs / 1000)),
  };
}
