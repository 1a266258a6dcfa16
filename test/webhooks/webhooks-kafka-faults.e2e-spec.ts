import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Kafka, logLevel, type Message, type Producer } from 'kafkajs';
import type { Principal } from '@platform/auth';
import { Topics } from '@platform/contracts';
import { freePorts } from '@platform/persistence';
import {
  createTestDatabase,
  describeKafka,
  startMockBroker,
  type MockBroker,
  type TestDatabase,
} from '@platform/testing';
import { CRASH_TIMING, postSubscription, spawnReady, type Child } from './child-process';
import { subscriptionBody, waitFor, webhooksEnv, type Receiver } from './harness';
import { DeliveryLedger, flakyReceiver } from './ledger';

/** 10,000 by default; smaller for a quick local run (WEBHOOKS_FAULTS_EVENTS, a multiple of 100). */
const EVENTS = Number(process.env['WEBHOOKS_FAULTS_EVENTS'] ?? 10_000);
const BATCH = 100;

/**
 * CloudEvents 1.0 Kafka binary mode, as the platform's producers write it (libs/messaging): a
 * `license.created` of context (ent-1, db-1) or (ent-2, db-1), every other one.
 */
function cloudEvent(i: number): { id: string; entity: string; message: Message } {
  const id = randomUUID();
  const entity = i % 2 === 0 ? 'ent-1' : 'ent-2';
  const data = {
    id: `license-${i}`,
    entity,
    database: 'db-1',
    system: 'system-1',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2099-01-01T00:00:00.000Z',
  };
  return {
    id,
    entity,
    message: {
      key: `license-${i}`,
      value: JSON.stringify(data),
      headers: {
        ce_specversion: '1.0',
        ce_id: id,
        ce_type: 'license.created',
        ce_source: '/platform/licensing',
        ce_time: new Date().toISOString(),
        ce_subject: `license-${i}`,
        ce_entity: entity,
        'content-type': 'application/json',
      },
    },
  };
}

/** At-least-once from the producer's side too: a batch that fails (broker frozen) is sent again. */
async function sendUntilAccepted(producer: Producer, messages: Message[]): Promise<void> {
  for (;;) {
    try {
      await producer.send({ topic: Topics.Licensing, acks: -1, messages });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Where the pipeline stands (printed while waiting), to tell a slow stage from a lost event. */
async function diagnostics(url: string): Promise<string> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    const inbox = await pg.query('SELECT count(*)::int AS n FROM inbox_events');
    const byStatus = await pg.query(
      'SELECT status, count(*)::int AS n FROM webhook_deliveries GROUP BY status',
    );
    return `inbox ${(inbox.rows[0] as { n: number }).n}, deliveries ${JSON.stringify(byStatus.rows)}`;
  } finally {
    await pg.end();
  }
}

describeKafka('webhooks: at-least-once over Kafka through crashes and a broker outage', () => {
  let broker: MockBroker;
  let db: TestDatabase;
  let receiver: Receiver;
  let child: Child | undefined;
  let producer: Producer;
  const ledger = new DeliveryLedger();

  beforeAll(async () => {
    broker = await startMockBroker();
    db = await createTestDatabase('webhooks_kafka_faults');
    // 20 % of calls fail at random; successes are recorded per subscription path and event id.
    receiver = await flakyReceiver(ledger);
    const kafka = new Kafka({
      clientId: 'faults-test',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer({
      allowAutoTopicCreation: true,
      idempotent: false,
      retry: { retries: 3 },
    });
    await producer.connect();
  }, 60_000);

  afterAll(async () => {
    broker?.resume();
    await child?.kill();
    await producer?.disconnect().catch(() => undefined);
    await receiver?.close();
    await broker?.stop();
    await db?.drop();
  });

  it('delivers each of 10,000 events to every matching subscription despite 2 SIGKILLs, a 30 s broker pause and 20 % receiver failures', async () => {
    const [port] = await freePorts(1);
    const env = {
      ...webhooksEnv(db.url, {
        PORT: String(port),
        KAFKA_BROKERS: broker.brokers.join(','),
        KAFKA_MAX_WAIT_MS: '100',
        WEBHOOKS_MAX_IN_FLIGHT_PER_SUBSCRIPTION: '16',
        ...CRASH_TIMING,
      }),
      LOG_LEVEL: 'warn',
    };
    const boot = async (): Promise<void> => {
      child = await spawnReady('dist/apps/webhooks/main.js', env, 'webhooks', port!);
    };
    await boot();
    const owners: [string, Partial<Principal>][] = [
      ['/ctx', {}],
      ['/all', { context: undefined, scopes: ['webhooks.suite', 'platform.admin'] }],
    ];
    for (const [path, principal] of owners) {
      const res = await postSubscription(
        port!,
        // A 5 s timeout keeps the leases of a killed process short (timeout + 15 s): until they
        // end, its in-flight deliveries count against the subscription's in-flight cap.
        // Both take license.created only: `*` would add the service's own webhook.created events.
        subscriptionBody(`${receiver.url}${path}`, { timeoutMs: 5_000 }),
        principal,
      );
      expect(res.status).toBe(201);
    }

    const expected = new Map<string, string[]>(); // event id → paths that must get it
    const batches = Array.from({ length: EVENTS / BATCH }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => cloudEvent(b * BATCH + i)),
    );
    batches
      .flat()
      .forEach((e) => expected.set(e.id, e.entity === 'ent-1' ? ['/ctx', '/all'] : ['/all']));
    const expectedCount = [...expected.values()].reduce((n, p) => n + p.length, 0);
    const started = Date.now();
    let produced = 0;
    // The stream keeps coming (100 events every 100 ms) while the faults hit.
    const producing = (async () => {
      for (const batch of batches) {
        await sendUntilAccepted(
          producer,
          batch.map((e) => e.message),
        );
        produced += batch.length;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const progress = setInterval(
      () =>
        void diagnostics(db.url).then((d) =>
          process.stdout.write(
            `t+${((Date.now() - started) / 1000).toFixed(0)}s produced ${produced} delivered ${ledger.deliveredCount()} ${d}\n`,
          ),
        ),
      10_000,
    );
    const faults: string[] = [];
    try {
      // Faults fire at points of delivery progress, so each one lands mid-stream.
      await waitFor(
        () => ledger.deliveredCount() >= expectedCount * 0.1,
        120_000,
        '10 % of the deliveries',
      );
      faults.push(`SIGKILL at ${ledger.deliveredCount()}`);
      await child!.kill();
      await boot();
      await waitFor(
        () => ledger.deliveredCount() >= expectedCount * 0.33,
        120_000,
        'a third of the deliveries',
      );
      faults.push(`broker paused 30 s at ${ledger.deliveredCount()}`);
      broker.pause();
      await new Promise((r) => setTimeout(r, 30_000));
      broker.resume();
      await waitFor(
        () => ledger.deliveredCount() >= expectedCount * 0.6,
        120_000,
        '60 % of the deliveries',
      );
      faults.push(`SIGKILL at ${ledger.deliveredCount()}`);
      await child!.kill();
      await boot();
      await producing;
      await waitFor(
        () => ledger.deliveredCount() >= expectedCount,
        150_000,
        `${expectedCount} deliveries`,
      );
    } finally {
      clearInterval(progress);
    }
    const report = ledger.check(expected);
    process.stdout.write(
      `kafka faults: ${expectedCount} deliveries owed, ${report.missing.length} missing, ${report.redeliveries} redeliveries, ` +
        `${report.conflicting.length} conflicting; faults: ${faults.join(', ')}; ` +
        `all delivered ${((Date.now() - started) / 1000).toFixed(1)} s after the first event\n`,
    );
    expect(report.missing).toEqual([]);
    expect(report.unexpected).toEqual([]);
    expect(report.conflicting).toEqual([]);
  }, 330_000);
});
