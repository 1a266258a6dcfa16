import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { MemoryRateLimiter } from './memory-rate-limiter';
import type { RateLimitPolicy } from './rate-limit-policy';
import { RateLimiter, resultOf, windowOf, type RateLimitResult } from './rate-limiter';

/** INCR and set the window's expiry in one atomic step; returns the new count. */
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

const WARN_EVERY_MS = 10_000;

export interface RedisRateLimiterOptions {
  /**
   * The longest a request waits for Redis. A healthy Redis answers in well under a millisecond;
   * this only bounds the few requests in flight at the moment Redis stops answering.
   */
  commandTimeoutMs?: number;
  /** While the circuit is open, how often one PING checks whether Redis answers again. */
  probeEveryMs?: number;
  now?: () => number;
}

/**
 * Counters shared by every gateway instance through Redis (REDIS_URL), so a client's limit holds
 * however many instances serve it.
 *
 * A rate limiter must neither take the API down nor slow it when Redis is down, and must keep
 * limiting. So every request is also counted in this instance's memory, and a circuit breaker
 * decides which count answers:
 * - closed (Redis ready): the shared Redis count; a command that fails or exceeds
 *   `commandTimeoutMs` opens the circuit and that request gets the local count;
 * - open (Redis disconnected, refusing or hung): the local count at once — no request waits on
 *   Redis — while a background PING every `probeEveryMs` closes the circuit when Redis answers.
 * While open, limits are per instance: each enforces the client's full limit on what it serves,
 * so across N instances a client can get up to N times its limit (exact with one instance).
 */
export class RedisRateLimiter extends RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private readonly redis: Redis;
  private readonly local: MemoryRateLimiter;
  private readonly commandTimeoutMs: number;
  private readonly probeEveryMs: number;
  private readonly now: () => number;
  private circuitOpen = false;
  private probe?: NodeJS.Timeout;
  private probing = false;
  private lastWarning = 0;
  private closed = false;

  constructor(url: string, options: RedisRateLimiterOptions = {}) {
    super();
    this.commandTimeoutMs = options.commandTimeoutMs ?? 100;
    this.probeEveryMs = options.probeEveryMs ?? 1_000;
    this.now = options.now ?? Date.now;
    this.local = new MemoryRateLimiter(this.now);
    this.redis = new Redis(url, {
      // Never queue a command while disconnected: the request takes the local count instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: this.commandTimeoutMs,
      connectTimeout: 2_000,
      // Reconnect quickly, but no faster than twice a second while Redis stays down.
      retryStrategy: (attempt) => Math.min(50 * attempt, 500),
    });
    this.redis.on('error', (e: Error) => this.warnThrottled(`redis: ${e.message}`));
    this.redis.on('close', () => this.open('connection closed'));
  }

  /** Waits (at most `maxWaitMs`) for the first connection, so boot-time requests share counts. */
  override async ready(maxWaitMs: number): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    let timer: NodeJS.Timeout | undefined;
    let onReady: (() => void) | undefined;
    const ok = await Promise.race([
      new Promise<boolean>((resolve) => {
        onReady = () => resolve(true);
        this.redis.once('ready', onReady);
      }),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), maxWaitMs))),
    ]);
    clearTimeout(timer);
    if (onReady) this.redis.off('ready', onReady);
    return ok;
  }

  /** Whether requests are counted in Redis right now (false while the circuit is open). */
  isShared(): boolean {
    return !this.circuitOpen && this.redis.status === 'ready';
  }

  async consume(key: string, policy: RateLimitPolicy): Promise<RateLimitResult> {
    const local = await this.local.consume(key, policy);
    if (!this.isShared()) {
      if (!this.circuitOpen) this.open(`redis ${this.redis.status}`);
      return local;
    }
    const { index, endsInMs } = windowOf(this.now(), policy);
    const redisKey = `gateway:ratelimit:${policy.windowSeconds}:${index}:${key}`;
    try {
      // One extra second of life covers clock skew between instances.
      const count = Number(await this.redis.eval(INCREMENT, 1, redisKey, String(endsInMs + 1000)));
      return resultOf(count, policy, endsInMs);
    } catch (e) {
      this.open((e as Error).message);
      return local;
    }
  }

  /** Throws when Redis does not answer. */
  async ping(): Promise<void> {
    if (!(await this.ready(2_000))) throw new Error(`redis ${this.redis.status}`);
    await this.redis.ping();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.probe) clearInterval(this.probe);
    await this.local.close();
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  private open(reason: string): void {
    if (this.closed) return;
    this.warnThrottled(`redis unavailable (${reason}): counting in this instance only`);
    if (this.circuitOpen) return;
    this.circuitOpen = true;
    this.probe = setInterval(() => void this.tryClose(), this.probeEveryMs);
    this.probe.unref();
  }

  private async tryClose(): Promise<void> {
    if (this.probing || this.redis.status !== 'ready') return;
    this.probing = true;
    try {
      await this.redis.ping();
      this.circuitOpen = false;
      clearInterval(this.probe);
      this.probe = undefined;
      this.logger.log('redis answers again: counting shared across instances');
    } catch {
      // Still down; the next probe tries again.
    } finally {
      this.probing = false;
    }
  }

  /** One warning per interval, not one per request, while Redis is down. */
  private warnThrottled(message: string): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn(message);
  }
}
