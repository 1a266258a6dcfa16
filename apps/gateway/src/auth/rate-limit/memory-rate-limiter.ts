import type { RateLimitPolicy } from './rate-limit-policy';
import { RateLimiter, resultOf, windowOf, type RateLimitResult } from './rate-limiter';

/** One gateway instance's counters (the default when REDIS_URL is unset). */
export class MemoryRateLimiter extends RateLimiter {
  private readonly counters = new Map<string, { window: number; count: number }>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  consume(key: string, policy: RateLimitPolicy): Promise<RateLimitResult> {
    const now = this.now();
    const { index, endsInMs } = windowOf(now, policy);
    const slot = `${key}|${policy.windowSeconds}`;
    const counter = this.counters.get(slot);
    const count = counter && counter.window === index ? ++counter.count : 1;
    if (count === 1) this.counters.set(slot, { window: index, count });
    this.sweep(now);
    return Promise.resolve(resultOf(count, policy, endsInMs));
  }

  close(): Promise<void> {
    this.counters.clear();
    return Promise.resolve();
  }

  /** Forgets counters of windows long gone, at most once a minute, so idle clients cost nothing. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [slot, counter] of this.counters) {
      const windowSeconds = Number(slot.slice(slot.lastIndexOf('|') + 1));
      if (windowOf(now, { limit: 1, windowSeconds }).index > counter.window)
        this.counters.delete(slot);
    }
  }
}
