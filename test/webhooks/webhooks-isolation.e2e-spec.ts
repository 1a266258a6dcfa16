import { createTestDatabase, type TestDatabase } from '@platform/testing';
import { DeliveryClaimer } from '../../apps/webhooks/src/engine/delivery-claimer';
import {
  as,
  bootWebhooks,
  CONTEXT,
  startReceiver,
  subscriptionBody,
  licenseCreated,
  waitFor,
  webhooksEnv,
  type Receiver,
  type WebhooksInstance,
} from './harness';

/** Counts each instance's claim rounds and what they handed out. */
function countClaims(instance: WebhooksInstance): { n: number; rounds: number } {
  const counter = { n: 0, rounds: 0 };
  const claimer = instance.app.get(DeliveryClaimer);
  // The worker's rounds claim inside their own transaction (with the outcomes they record).
  const original = claimer.claimIn.bind(claimer);
  claimer.claimIn = async (...args: Parameters<DeliveryClaimer['claimIn']>) => {
    const claimed = await original(...args);
    counter.rounds++;
    counter.n += claimed.length;
    return claimed;
  };
  return counter;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('webhooks: limits hold across instances and a dead receiver holds up no one', () => {
  let db: TestDatabase;
  let a: WebhooksInstance;
  let b: WebhooksInstance;
  let receiver: Receiver;

  beforeAll(async () => {
    db = await createTestDatabase('webhooks_isolation');
    a = await bootWebhooks(webhooksEnv(db.url));
    b = await bootWebhooks(webhooksEnv(db.url));
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });
  afterEach(() => receiver?.close());

  it('a rate limit of 5 per second holds across two instances; every delivery waits, none is dropped', async () => {
    receiver = await startReceiver();
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: await as(),
      payload: subscriptionBody(receiver.url, { rateLimit: { requests: 5, perSeconds: 1 } }),
    });
    expect(res.statusCode).toBe(201);
    const claimsA = countClaims(a);
    const claimsB = countClaims(b);
    const events = Array.from({ length: 20 }, (_, i) => licenseCreated(CONTEXT.entity, i));
    await a.bus.publish(events);
    await waitFor(() => receiver.received.length >= 20, 15_000, '20 deliveries');
    const times = receiver.received.map((r) => r.at).sort((x, y) => x - y);
    // Windows of 800 ms, not 1 s: a send trails its claim by a scheduling delay that a loaded test
    // machine stretches; a limiter that let 2× through (a token bucket refilled at the edge) still fails.
    const worst = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 800).length));
    expect(worst).toBeLessThanOrEqual(5);
    expect(times[times.length - 1]! - times[0]!).toBeGreaterThanOrEqual(3_000);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(20);
    // Both instances were competing for the same subscription the whole time (which one wins a
    // round is up to SKIP LOCKED), and between them claimed each delivery once.
    expect(claimsA.rounds).toBeGreaterThan(10);
    expect(claimsB.rounds).toBeGreaterThan(10);
    expect(claimsA.n + claimsB.n).toBe(20);
  }, 30_000);

  it("with one receiver that never answers, the healthy one is never held for the dead one's timeout", async () => {
    receiver = await startReceiver();
    const dead = await startReceiver(() => undefined); // accepts, never answers: every attempt times out
    try {
      const deadCtx = { ...CONTEXT, entity: 'ent-dead' };
      for (const [url, principal, timeoutMs] of [
        [`${dead.url}/dead`, { context: deadCtx }, 5_000],
        [`${receiver.url}/ok`, {}, 5_000],
      ] as const) {
        const r = await a.app.inject({
          method: 'POST',
          url: '/api/v1/webhooks',
          headers: await as(principal),
          payload: subscriptionBody(url, { timeoutMs }),
        });
        expect(r.statusCode).toBe(201);
      }
      const sentAt = new Map<string, number>();
      for (let batch = 0; batch < 30; batch++) {
        const events = [
          ...Array.from({ length: 10 }, (_, i) => licenseCreated(deadCtx.entity, batch * 10 + i)),
          ...Array.from({ length: 5 }, (_, i) => licenseCreated(CONTEXT.entity, batch * 5 + i)),
        ];
        events.forEach((e) => sentAt.set(e.id, Date.parse(e.time)));
        await (batch % 2 === 0 ? a : b).bus.publish(events);
        await new Promise((r) => setTimeout(r, 30));
      }
      await waitFor(() => receiver.received.length >= 150, 20_000, '150 healthy deliveries');
      const latencies = receiver.received.map((r) => r.at - sentAt.get(r.headers['webhook-id']!)!);
      const p99 = percentile(latencies, 99);
      process.stdout.write(
        `healthy receiver beside a dead one: p50 ${percentile(latencies, 50)} ms, p99 ${p99} ms over ${latencies.length}\n`,
      );
      // Held behind the dead receiver, a healthy delivery would wait out its 5 s timeout. Well
      // under half of it (about 100 ms on a quiet machine) says it never waited; the speed itself
      // is the benchmarks' business (npm run bench), not a test's on a loaded machine.
      expect(p99).toBeLessThan(2_500);
      expect(dead.received.length).toBeGreaterThan(0); // the dead one was being tried all along
    } finally {
      await dead.close();
    }
  }, 60_000);
});
