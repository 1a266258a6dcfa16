import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import {
  createTestDatabase,
  describeKafka,
  startMockBroker,
  TEST_ASSERTION_KEYS,
  type MockBroker,
  type TestDatabase,
} from '@platform/testing';
import { createFixtureApp, ItemProducer } from './fixtures/fixture-app';
import { queryOne, waitFor } from './fixture-process';

/**
 * The relay over Kafka: CloudEvents binary-mode messages keyed by subject; while the broker is
 * frozen nothing is marked published, and once it is back every row goes out (none dropped).
 */
describeKafka('Kafka: relay through a broker outage', () => {
  const topic = `fixture.outage.${randomBytes(4).toString('hex')}`;
  let broker: MockBroker;
  let db: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    broker = await startMockBroker(); // private: pausing it must not disturb other suites
    db = await createTestDatabase('msg_outage');
    app = await createFixtureApp(
      'producer',
      `outage-${randomBytes(3).toString('hex')}`,
      {
        PORT: '0',
        LOG_LEVEL: 'silent',
        DATABASE_URL: db.url,
        KAFKA_BROKERS: broker.brokers.join(','),
        KAFKA_MAX_WAIT_MS: '50',
        ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
      },
      { topic, aggregates: 2 },
    );
  });

  afterAll(async () => {
    broker?.resume();
    await app?.close();
    await db?.drop();
    await broker?.stop();
  });

  const unpublished = async (): Promise<number> =>
    (
      await queryOne<{ n: number }>(
        db.url,
        'SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL',
      )
    ).n;

  it('holds rows while the broker is down and publishes all of them after', async () => {
    const producer = app.get(ItemProducer);
    await producer.produce(4);
    await waitFor(
      'the first events to be published',
      async () => (await unpublished()) === 0,
      30_000,
    );

    broker.pause();
    await producer.produce(10);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await unpublished()).toBe(6);

    broker.resume();
    await waitFor(
      'the held events to be published',
      async () => (await unpublished()) === 0,
      60_000,
    );

    const ids = (
      await queryOne<{ ids: string[] }>(
        db.url,
        'SELECT array_agg(id ORDER BY sequence) AS ids FROM outbox_events',
      )
    ).ids;
    const received = await readTopic(broker.brokers, ids.length);
    expect(new Set(received.map((m) => m.headers['ce_id']))).toEqual(new Set(ids));
    const first = received.find((m) => m.headers['ce_id'] === ids[0]);
    expect(first).toMatchObject({
      key: 'agg-0',
      value: { n: 0, seq: 0 },
      headers: {
        ce_specversion: '1.0',
        ce_type: 'fixture.item_recorded',
        ce_subject: 'agg-0',
        'content-type': 'application/json',
        ce_source: expect.stringMatching(/^\/platform\/outage-/) as unknown,
      },
    });
  }, 120_000); // a 2-core machine shared with other jobs can be slow

  async function readTopic(
    brokers: string[],
    expected: number,
  ): Promise<{ key: string; value: unknown; headers: Record<string, string> }[]> {
    const kafka = new Kafka({ clientId: 'outage-reader', brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `reader-${topic}`, maxWaitTimeInMs: 50 });
    const seen: { key: string; value: unknown; headers: Record<string, string> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        void seen.push({
          key: String(message.key),
          value: JSON.parse(String(message.value)) as unknown,
          headers: Object.fromEntries(
            Object.entries(message.headers ?? ({} as IHeaders)).map(([k, v]) => [k, String(v)]),
          ),
        }),
    });
    try {
      await waitFor(
        'the topic',
        () => Promise.resolve(seen.length >= expected),
        30_000,
        () => `(${seen.length}/${expected}: ${JSON.stringify(seen.map((m) => m.value))})`,
      );
    } finally {
      await consumer.disconnect();
    }
    return seen;
  }
});
