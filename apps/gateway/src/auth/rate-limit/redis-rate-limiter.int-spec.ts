import { randomUUID } from 'node:crypto';
import { RedisRateLimiter } from './redis-rate-limiter';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('RedisRateLimiter (real Redis)', () => {
  it('shares one counter between limiter instances', async () => {
    const a = new RedisRateLimiter(REDIS_URL);
    const b = new RedisRateLimiter(REDIS_URL);
    await a.ping();
    const key = `client-${randomUUID()}`;
    const policy = { limit: 3, windowSeconds: 3600 };
    const results = [
      await a.consume(key, policy),
      await b.consume(key, policy),
      await a.consume(key, policy),
    ];
    const over = await b.consume(key, policy);
    await Promise.all([a.close(), b.close()]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0]);
    expect(over.allowed).toBe(false);
  });

  it('lets requests through when Redis cannot be reached (a limiter must not take the API down)', async () => {
    const down = new RedisRateLimiter('redis://127.0.0.1:1');
    const result = await down.consume('c', { limit: 1, windowSeconds: 60 });
    await down.close();
    expect(result.allowed).toBe(true);
  });
});
