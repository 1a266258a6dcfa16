import { TokenRevoked } from '@platform/contracts';
import { createKafka, createProducer, toKafkaMessage } from '@platform/messaging';
import { describeKafka, eventually, kafkaBrokers } from '@platform/testing';
import type { Kafka, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { SecurityProjections } from '../projections/security-projections';
import { KafkaEventFeed } from './kafka-event-feed';

/**
 * The gateway's feed starts at the end offsets it reads at boot (ADR 0013): what came before is
 * the owners' snapshots' to say, so a restart costs the same whatever the topics retain.
 */
describeKafka('the gateway’s Kafka feed (real broker)', () => {
  let kafka: Kafka;
  let producer: Producer;
  const feeds: KafkaEventFeed[] = [];

  const revoke = async (jti: string): Promise<void> => {
    await producer.send({
      topic: TokenRevoked.topic,
      acks: -1,
      messages: [
        toKafkaMessage({
          id: randomUUID(),
          type: TokenRevoked.type,
          source: 'oauth',
          time: new Date().toISOString(),
          subject: jti,
          data: { scope: 'token', jti, reason: 'test' },
        }),
      ],
    });
  };

  const boot = async (): Promise<{ applied: string[] }> => {
    const projections = new SecurityProjections();
    const applied: string[] = [];
    const apply = projections.apply.bind(projections);
    jest.spyOn(projections, 'apply').mockImplementation((event) => {
      applied.push(event.subject);
      apply(event);
    });
    const feed = new KafkaEventFeed(kafka, projections, 50);
    feeds.push(feed);
    await feed.start();
    expect(await feed.waitCaughtUp(30_000)).toBe(true);
    return { applied };
  };

  beforeAll(async () => {
    // The clients the gateway and oauth's relay make (libs/messaging).
    kafka = createKafka('kafka-event-feed-test', kafkaBrokers()!);
    producer = createProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    for (const f of feeds) await f.stop();
    await producer?.disconnect();
  });

  it('does not replay the history at boot, and hears every event from then on', async () => {
    const before = Array.from({ length: 50 }, () => `before-${randomUUID()}`);
    for (const jti of before) await revoke(jti);
    const { applied } = await boot();
    const after = [`after-${randomUUID()}`, `after-${randomUUID()}`];
    for (const jti of after) await revoke(jti);
    const heard = () => Promise.resolve(after.every((j) => applied.includes(j)) || undefined);
    await eventually(heard, 10_000, 20).catch(() => undefined);
    expect(after.filter((j) => !applied.includes(j))).toEqual([]);
    expect(applied.filter((j) => before.includes(j))).toEqual([]);
  });
});
