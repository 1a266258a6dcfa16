import { randomBytes } from 'node:crypto';
import { describeKafka } from '@platform/testing';
import { kafkaPair, type KafkaPair, queryOne, streamReport, waitFor } from './fixture-process';

const COUNT = 2_000;
const AGGREGATES = 8;

/**
 * Acceptance (a): events written through the outbox of one service reach a consumer service
 * over Kafka; the consumer process is SIGKILLed mid-stream and started again. Every event id is
 * processed exactly once and each aggregate's events in order.
 */
describeKafka('Kafka: consumer crash mid-stream', () => {
  let pair: KafkaPair;

  beforeAll(async () => {
    const run = randomBytes(4).toString('hex');
    pair = await kafkaPair('msg_kafka', {
      run,
      topic: `fixture.items.${run}`,
      aggregates: AGGREGATES,
      count: COUNT,
    });
  });

  afterAll(() => pair?.close());

  it('processes every event exactly once, in order per aggregate, across a SIGKILL', async () => {
    const { producerDb, consumerDb, producer, consumer } = pair;
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
