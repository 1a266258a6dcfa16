import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import type { RateLimitPolicy } from './rate-limit-policy';
import { RateLimiter, resultOf, windowOf, type RateLimitResult } from './rate-limiter';

/** INCR and set the window's expiry in one atomic step; returns the new count. */
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

/** How long a request waits for a Redis connection that is still being made. */
const CONNECT_WAIT_MS = 500;
const WARN_EVERY_MS = 10_000;

/**
 * Counters shared by every gateway instance through Redis (REDIS_URL), so a client's limit holds
 * however many instances serve it. When Redis does not answer within a few milliseconds the
 * request is let through (and a warning logged): a rate limiter must not take the API down.
 */
export class RedisRateLimiter extends RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private readonly redis: Redis;
  private lastWarning = 0;

  constructor(
    url: string,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 250,
      lazyConnect: false,
    });
    this.redis.on('error', (e: Error) => this.warnThrottled(`redis: ${e.message}`));
  }

  async consume(key: string, policy: RateLimitPolicy): Promise<RateLimitResult> {
    const { index, endsInMs } = windowOf(this.now(), policy);
    const redisKey = `gateway:ratelimit:${policy.windowSeconds}:${index}:${key}`;
    try {
      await this.connected();
      // One extra second of life covers clock skew between instances.
      const count = Number(await this.redis.eval(INCREMENT, 1, redisKey, String(endsInMs + 1000)));
      return resultOf(count, policy, endsInMs);
    } catch (e) {
      this.warnThrottled(`rate limit not enforced, redis unavailable: ${(e as Error).message}`);
      return resultOf(0, policy, endsInMs);
    }
  }

  /** One warning per interval, not one per request, while Redis is down. */
  private warnThrottled(message: string): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn(message);
  }

  /** Throws when Redis does not answer. */
  async ping(): Promise<void> {
    await this.connected();
    await this.redis.ping();
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  /**
   * Commands are not queued while disconnected (a request must not wait on a dead Redis), so
   * right after boot, while the first connection is being made, wait for it briefly.
   */
  private async connected(): Promise<void> {
    if (this.redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    let onReady: (() => void) | undefined;
    await Promise.race([
      new Promise<void>((resolve) => {
        onReady = resolve;
        this.redis.once('ready', resolve);
      }),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (onReady) this.redis.off('ready', onReady);
  }
}
