/** A subscription's `rateLimit` (`001_*` card): at most `requests` per `perSeconds`. */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

/**
 * A claim is logged when it is made, but the receiver sees the request a little later (connection
 * set-up, scheduling): a claim keeps its place in the window this much longer, so that jitter can
 * never squeeze `requests + 1` arrivals into one window at the receiver. Costs a little throughput.
 */
export const SEND_SKEW_MS = 250;

/**
 * Sliding-log rate limit: the log holds the send times of the last window; a send is allowed
 * while fewer than `requests` fall inside it. Unlike a token bucket, no window of `perSeconds`
 * ever sees more than `requests` claims, whatever the alignment.
 */
export function rateAllowance(
  log: Date[],
  limit: RateLimit | null,
  now: Date,
): { allowed: number; kept: Date[] } {
  if (!limit) return { allowed: Number.MAX_SAFE_INTEGER, kept: [] };
  const since = now.getTime() - limit.perSeconds * 1000 - SEND_SKEW_MS;
  const kept = log.filter((t) => t.getTime() > since);
  return { allowed: Math.max(0, limit.requests - kept.length), kept };
}

/** How many of `capacity` free slots each due subscription gets this round: an equal share, at least one. */
export function fairShare(capacity: number, subscriptions: number): number {
  return subscriptions === 0 ? 0 : Math.max(1, Math.ceil(capacity / subscriptions));
}
