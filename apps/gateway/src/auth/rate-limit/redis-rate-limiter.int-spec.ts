import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { RedisRateLimiter } from './redis-rate-limiter';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('RedisRateLimiter (real Redis)', () => {
  it('shares one counter between limiter instances', async () => {
    const a = new RedisRateLimiter(REDIS_URL);
    const b = new RedisRateLimiter(REDIS_URL);
    await Promise.all([a.ping(), b.ping()]);
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
});

/**
 * Redis going away must neither slow requests (they used to wait 0.5 s each) nor lift the limits.
 * These tests run a Redis of their own on a free port, never the shared one.
 */
describe('RedisRateLimiter when Redis stops answering', () => {
  const policy = { limit: 5, windowSeconds: 3600 };
  let redis: OwnRedis;
  let limiter: RedisRateLimiter;

  beforeEach(async () => {
    redis = await OwnRedis.start();
    limiter = new RedisRateLimiter(redis.url, { commandTimeoutMs: 100, probeEveryMs: 200 });
    await limiter.ping();
  });

  afterEach(async () => {
    await limiter.close();
    redis.stop();
  });

  it('keeps limiting, without waiting, while Redis is paused (SIGSTOP) and shares counts again after', async () => {
    const key = `client-${randomUUID()}`;
    for (let i = 0; i < 2; i++) expect((await limiter.consume(key, policy)).allowed).toBe(true);
    expect(limiter.isShared()).toBe(true);

    redis.pause();
    const first = await timed(() => limiter.consume(key, policy));
    // The one request in flight when Redis hung waits at most the command timeout...
    expect(first.ms).toBeLessThan(400);
    expect(limiter.isShared()).toBe(false);
    // ...every later one is answered from this instance's own count at once, and still limited.
    const later = [];
    for (let i = 0; i < 10; i++) later.push(await timed(() => limiter.consume(key, policy)));
    expect(Math.max(...later.map((r) => r.ms))).toBeLessThan(50);
    // 2 counted before the pause + 1 + 10: the 6th request onwards is refused (limit 5).
    expect([first, ...later].map((r) => r.result.allowed)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);

    redis.resume();
    await until(() => limiter.isShared(), 5_000);
    const fresh = `client-${randomUUID()}`;
    expect((await limiter.consume(fresh, policy)).remaining).toBe(4);
  });

  it('answers from the local count at once when Redis is gone, and reconnects when it is back', async () => {
    const key = `client-${randomUUID()}`;
    await limiter.consume(key, policy);
    redis.stop();
    await until(() => !limiter.isShared(), 2_000);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await timed(() => limiter.consume(key, policy)));
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(50);
    expect(results.map((r) => r.result.allowed)).toEqual([true, true, true, true, false, false]);

    redis = await OwnRedis.start(redis.port);
    await until(() => limiter.isShared(), 5_000);
    expect((await limiter.consume(`client-${randomUUID()}`, policy)).remaining).toBe(4);
  });

  it('limits locally, without waiting, when it boots against a Redis that never answers', async () => {
    const sockets: Socket[] = [];
    const blackhole = createServer((socket) => sockets.push(socket)); // accepts, never replies
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const port = (blackhole.address() as AddressInfo).port;
    const hung = new RedisRateLimiter(`redis://127.0.0.1:${port}`, { commandTimeoutMs: 100 });
    try {
      expect(await hung.ready(200)).toBe(false);
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await timed(() => hung.consume('k', policy)));
      expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(50);
      expect(results.map((r) => r.result.allowed)).toEqual([true, true, true, true, true, false]);
    } finally {
      await hung.close();
      for (const socket of sockets) socket.destroy();
      blackhole.close();
    }
  });
});

async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A throwaway redis-server (no persistence) on a port of its own. */
class OwnRedis {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(port?: number): Promise<OwnRedis> {
    const chosen = port ?? (await freePort());
    const child = spawn(
      'redis-server',
      ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`redis-server exited ${code}`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) resolve();
      });
    });
    child.removeAllListeners('exit');
    return new OwnRedis(child, chosen);
  }

  pause(): void {
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child.kill('SIGCONT');
  }

  stop(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGCONT');
    this.child.kill('SIGKILL');
    this.child.stdout?.destroy();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
