const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `5s,30s,2m` → [5000, 30000, 120000]. */
export function parseRetrySchedule(text: string): number[] {
  return text.split(',').map((part) => {
    const m = /^\s*(\d+)(ms|s|m|h)\s*$/.exec(part);
    const unit = m?.[2] === undefined ? undefined : UNIT_MS[m[2]];
    if (!m || unit === undefined) throw new Error(`bad retry delay '${part}'`);
    return Number(m[1]) * unit;
  });
}

/** How long to wait before the next attempt, or null when the schedule is used up. */
export interface RetryDecisionInput {
  /** Attempts made so far, including the one that just failed. */
  attempts: number;
  schedule: number[];
  /** Seconds from `Retry-After` of a 429/503, when given (RFC 9110 §10.2.3). */
  retryAfterMs?: number;
  /** 0 ≤ random < 1; injectable so tests are deterministic. */
  random: number;
}

/** Longest wait a receiver's `Retry-After` may impose before we try again anyway. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * Exponential backoff from the schedule with ±20 % jitter, so receivers that come back are not
 * hit by every queued delivery at the same instant. A `Retry-After` from the receiver wins.
 */
export function nextRetryDelay(input: RetryDecisionInput): number | null {
  const base = input.schedule[input.attempts - 1];
  if (base === undefined) return null;
  if (input.retryAfterMs !== undefined)
    return Math.min(Math.max(input.retryAfterMs, 0), MAX_RETRY_AFTER_MS);
  return Math.round(base * (0.8 + 0.4 * input.random));
}

/** `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or bad. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
