import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { deadLetterTopic } from '@platform/contracts';
import { describeKafka, kafkaBrokers } from '@platform/testing';
import { kafkaPair, type KafkaPair, queryOne, waitFor } from './fixture-process';

const COUNT = 40;
const AGGREGATES = 4;
const POISON_N = 5; // aggregate agg-1; items 9, 13, … of agg-1 come after it on its partition

const text = (h: IHeaders, name: string): string | undefined => h[name]?.toString();

/**
 * Acceptance (c): a handler that always throws for one event sends that event to
 * `<topic>.dlq` after its bounded retries, and the events behind it are still processed.
 * Messages that are not valid events (unknown type, bad payload) are dead-lettered at once.
 */
describeKafka('Kafka: dead letters', () => {
  const run = randomBytes(4).toString('hex');
  const topic = `fixture.poison.${run}`;
  const kafka = new Kafka({
    clientId: `dlq-reader-${run}`,
    brokers: kafkaBrokers() ?? [],
    logLevel: logLevel.NOTHING,
  });
  let pair: KafkaPair;

  beforeAll(async () => {
    pair = await kafkaPair(
      'msg_dlq',
      { run, topic, aggregates: AGGREGATES, count: COUNT },
      { FIXTURE_POISON_N: String(POISON_N) },
    );
  });

  afterAll(() => pair?.close());

  it('dead-letters the poison message and keeps processing the partition behind it', async () => {
    const { producerDb, consumerDb, producer, consumer } = pair;
    await Promise.all([producer.start(), consumer.start()]);
    const foreign = await publishNonEvents();
    const processed = async (): Promise<number[]> => {
      const r = await queryOne<{ ns: number[] | null }>(
        consumerDb.url,
        'SELECT array_agg(n ORDER BY n) AS ns FROM processed',
      );
      return r.ns ?? [];
    };
    await waitFor(
      'the healthy events to be processed',
      async () => (await processed()).length >= COUNT - 1,
      60_000,
      () => consumer.log,
    );
    expect(await processed()).toEqual([...Array(COUNT).keys()].filter((n) => n !== POISON_N));

    const poison = await queryOne<{ id: string }>(
      producerDb.url,
      "SELECT id FROM outbox_events WHERE (data->>'n')::int = $1",
      [POISON_N],
    );
    const dead = await readDeadLetters(3);
    const byId = new Map(dead.map((h) => [text(h, 'ce_id'), h]));
    expect([...byId.keys()].sort()).toEqual([poison.id, ...foreign].sort());

    const poisoned = byId.get(poison.id)!;
    expect(text(poisoned, 'ce_type')).toBe('fixture.item_recorded');
    expect(text(poisoned, 'ce_subject')).toBe(`agg-${POISON_N % AGGREGATES}`);
    expect(text(poisoned, 'dlq_error')).toContain(`poison item ${POISON_N}`);
    expect(text(poisoned, 'dlq_attempts')).toBe('3'); // the fixture's bounded retry policy
    expect(text(poisoned, 'dlq_topic')).toBe(topic);
    for (const id of foreign) expect(text(byId.get(id)!, 'dlq_attempts')).toBe('0');
  }, 120_000); // a 2-core machine shared with other jobs can be slow

  /** An unknown type and a payload that fails validation, written straight to the topic. */
  async function publishNonEvents(): Promise<string[]> {
    const p = kafka.producer();
    await p.connect();
    const ids = [randomUUID(), randomUUID()];
    const headers = (id: string, type: string): IHeaders => ({
      ce_specversion: '1.0',
      ce_id: id,
      ce_type: type,
      ce_source: '/test',
      ce_time: new Date().toISOString(),
      ce_subject: 'agg-0',
    });
    await p.send({
      topic,
      messages: [
        {
          key: 'agg-0',
          value: JSON.stringify({ n: 1 }),
          headers: headers(ids[0]!, 'fixture.unknown_type'),
        },
        {
          key: 'agg-0',
          value: JSON.stringify({ n: -1, seq: 'x' }),
          headers: headers(ids[1]!, 'fixture.item_recorded'),
        },
      ],
    });
    await p.disconnect();
    return ids;
  }

  async function readDeadLetters(expected: number): Promise<IHeaders[]> {
    const c = kafka.consumer({ groupId: `dlq-reader-${run}`, maxWaitTimeInMs: 50 });
    const seen: IHeaders[] = [];
    await c.connect();
    await c.subscribe({ topic: deadLetterTopic(topic), fromBeginning: true });
    await c.run({ eachMessage: async ({ message }) => void seen.push(message.headers ?? {}) });
    try {
      await waitFor('the dead letters', () => Promise.resolve(seen.length >= expected), 30_000);
    } finally {
      await c.disconnect();
    }
    return seen;
  }
});
