import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { Topics } from '@platform/contracts';
import {
  assertionFor,
  createTestDatabase,
  describeKafka,
  eventually,
  kafkaBrokers,
  TEST_ASSERTION_KEYS,
  TestDatabase,
} from '@platform/testing';
import { createApp } from './bootstrap';

/** A message as any producer of the platform sends it: CloudEvents 1.0 Kafka binding, binary mode. */
const cloudEvent = (id: string, type: string, subject: string, data: object) => ({
  key: subject,
  value: JSON.stringify(data),
  headers: {
    ce_specversion: '1.0',
    ce_id: id,
    ce_type: type,
    ce_source: 'test-producer',
    ce_time: new Date().toISOString(),
    ce_subject: subject,
    'content-type': 'application/json',
  },
});

describeKafka('audit consuming from Kafka', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let producer: Producer;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase('audit_kafka');
    const brokers = kafkaBrokers()!;
    app = await createApp({
      env: {
        PORT: '0',
        DATABASE_URL: db.url,
        ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
        KAFKA_BROKERS: brokers.join(','),
        LOG_LEVEL: 'warn',
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
    producer = new Kafka({ clientId: 'audit-test', brokers, logLevel: logLevel.NOTHING }).producer({
      allowAutoTopicCreation: true,
    });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await db?.drop();
  });

  it('records what arrives on the topics once per event id, chain intact', async () => {
    const user = `kafka.${randomBytes(4).toString('hex')}`;
    const created = cloudEvent(randomUUID(), 'user.created', user, {
      id: user,
      name: 'K',
      email: 'k@example.com',
      status: 'active',
    });
    const disabled = cloudEvent(randomUUID(), 'user.disabled', user, {
      id: user,
      disabledAt: new Date().toISOString(),
      by: 'root',
    });
    // The same message twice, as at-least-once delivery may hand it over; the last message
    // (same key, so same partition, processed in order) shows the duplicate was handled.
    const last = cloudEvent(randomUUID(), 'user.updated', user, {
      id: user,
      name: 'K',
      email: 'k@example.com',
      status: 'disabled',
    });
    await producer.send({ topic: Topics.Users, messages: [created, disabled, disabled, last] });
    const denied = cloudEvent(randomUUID(), 'security.decision', user, {
      action: 'token.password',
      outcome: 'failed',
      actorUser: user,
      ip: '198.51.100.7',
    });
    await producer.send({ topic: Topics.Security, messages: [denied] });

    const headers = {
      'x-platform-assertion': await assertionFor('audit', {
        scopes: ['platform.admin', 'audit.read'],
      }),
    };
    const filter = encodeURIComponent(`target = '${user}' or actor = '${user}'`);
    const records = await eventually(
      async () => {
        const res = await fetch(`${base}/audit/v1/events?filter=${filter}&sort=type%20asc`, {
          headers,
        });
        const page = (await res.json()) as {
          content: { type: string; outcome: string; ip: string | null }[];
        };
        return page.content.length >= 4 ? page.content : undefined;
      },
      30_000,
      200,
    );
    expect(records.map((r) => [r.type, r.outcome])).toEqual([
      ['security.decision', 'failed'],
      ['user.created', 'succeeded'],
      ['user.disabled', 'succeeded'],
      ['user.updated', 'succeeded'],
    ]);
    expect(records[0].ip).toBe('198.51.100.7');
    const verify = (await (await fetch(`${base}/audit/v1/chain/verify`, { headers })).json()) as {
      valid: boolean;
    };
    expect(verify.valid).toBe(true);
  }, 60_000);
});
