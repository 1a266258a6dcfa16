import { randomBytes } from 'node:crypto';
import {
  createTestDatabase,
  describeKafka,
  kafkaBrokers,
  type TestDatabase,
} from '@platform/testing';
import { FixtureProcess, queryOne, streamReport, waitFor } from './fixture-process';

const COUNT = 2_000;
const AGGREGATES = 8;

/**
 * Acceptance (a): events written through the outbox of one service reach a consumer service
 * over Kafka; the consumer process is SIGKILLed mid-stream and started again. Every event id is
 * processed exactly once and each aggregate's events in order.
 */
describeKafka('Kafka: consumer crash mid-stream', () => {
  let producerDb: TestDatabase;
  let consumerDb: TestDatabase;
  let producer: FixtureProcess;
  let consumer: FixtureProcess;

  beforeAll(async () => {
    producerDb = await createTestDatabase('msg_kafka_producer');
    consumerDb = await createTestDatabase('msg_kafka_consumer');
    const run = randomBytes(4).toString('hex');
    const common = {
      KAFKA_BROKERS: kafkaBrokers()!.join(','),
      KAFKA_MAX_WAIT_MS: '50',
      FIXTURE_TOPIC: `fixture.items.${run}`,
      FIXTURE_AGGREGATES: String(AGGREGATES),
    };
    producer = new FixtureProcess({
      ...common,
      FIXTURE_ROLE: 'producer',
      FIXTURE_SERVICE: `producer-${run}`,
      FIXTURE_COUNT: String(COUNT),
      DATABASE_URL: producerDb.url,
    });
    consumer = new FixtureProcess({
      ...common,
      FIXTURE_ROLE: 'consumer',
      FIXTURE_SERVICE: `consumer-${run}`,
      DATABASE_URL: consumerDb.url,
    });
  });

  afterAll(async () => {
    await consumer?.kill();
    await producer?.kill();
    await producerDb?.drop();
    await consumerDb?.drop();
  });

  it('processes every event exactly once, in order per aggregate, across a SIGKILL', async () => {
    const t0 = Date.now();
    await Promise.all([producer.start(), consumer.start()]);
    const processed = async (): Promise<number> => (await streamReport(consumerDb.url)).rows;
    await waitFor(
      'the stream to be under way',
      async () => (await processed()) >= COUNT / 4,
      150_000,
      () => consumer.log,
    );
    await consumer.kill();
    expect(await processed()).toBeLessThan(COUNT); // really mid-stream

    const tKill = Date.now();
    await consumer.start();
    await waitFor(
      'every event to be processed',
      async () => (await processed()) >= COUNT,
      180_000,
      () => consumer.log,
    );
    process.stdout.write(
      `kafka crash e2e: ${COUNT} events; killed after ${tKill - t0} ms, all processed ${Date.now() - tKill} ms after the kill\n`,
    );
    const unpublished = await queryOne<{ n: number }>(
      producerDb.url,
      'SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL',
    );
    expect(unpublished.n).toBe(0);
    // Let redeliveries after the restart land before counting handler commits.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await streamReport(consumerDb.url)).toEqual({
      rows: COUNT,
      distinct: COUNT,
      commits: COUNT,
      outOfOrder: 0,
    });
  }, 240_000); // a 2-core machine shared with other jobs can be slow
});
