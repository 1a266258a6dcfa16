import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SpanKind, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { InProcessBus } from '@platform/messaging';
import {
  createTestDatabase,
  describeKafka,
  eventually,
  kafkaBrokers,
  TEST_ASSERTION_KEYS,
  type TestDatabase,
} from '@platform/testing';
import { startTracing, stopTracing } from '@platform/tracing';
import { createFixtureApp, ItemProducer, type FixtureSettings } from './fixtures/fixture-app';
import { ITEM_RECORDED } from './fixtures/fixture-event';
import { queryOne, waitFor } from './fixture-process';

/*
 * Spec §9, "one trace follows a request … through the outbox and Kafka": an event written in a
 * traced request keeps the request's context in its outbox row; the relay publishes it in a
 * `publish` span child of that request, and the consumer group processes it in a `process` span
 * child of the publication, over the in-process bus and over Kafka (the context travels as the
 * `ce_traceparent` header). Spans are collected in memory (tests only).
 */

const exporter = new InMemorySpanExporter();
const run = randomBytes(4).toString('hex');
const settings: FixtureSettings = { topic: `fixture.traced.${run}`, aggregates: 2 };

const spanId = (s: ReadableSpan): string => s.spanContext().spanId;
const parentOf = (s: ReadableSpan): string | undefined => s.parentSpanContext?.spanId;

/** Writes one item (and its event) inside a `caller request` span; returns that span's trace. */
async function tracedWrite(producer: NestFastifyApplication, n: number): Promise<ReadableSpan> {
  const traceId = await trace
    .getTracer('test')
    .startActiveSpan('caller request', { kind: SpanKind.SERVER }, async (span) => {
      await producer.get(ItemProducer).produce(n);
      span.end();
      return span.spanContext().traceId;
    });
  // The exporter may get a span a moment after it ends (resource detection still settling).
  let request: ReadableSpan | undefined;
  await waitFor(
    'the request span',
    async () => {
      request = exporter
        .getFinishedSpans()
        .find((s) => s.name === 'caller request' && s.spanContext().traceId === traceId);
      return request !== undefined;
    },
    10_000,
  );
  return request!;
}

/** The publish and process spans of the trace, once both are finished. */
async function spansOf(traceId: string): Promise<{ publish: ReadableSpan; process: ReadableSpan }> {
  let found: { publish?: ReadableSpan; process?: ReadableSpan } = {};
  await waitFor(
    'the publish and process spans',
    async () => {
      const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
      found = {
        publish: spans.find((s) => s.name === `publish ${settings.topic}`),
        process: spans.find((s) => s.name === `process ${ITEM_RECORDED}`),
      };
      return Boolean(found.publish && found.process);
    },
    30_000,
    () => JSON.stringify(exporter.getFinishedSpans().map((s) => s.name)),
  );
  return found as { publish: ReadableSpan; process: ReadableSpan };
}

describe('trace context through the outbox and the transport', () => {
  const apps: NestFastifyApplication[] = [];
  const dbs: TestDatabase[] = [];
  const env = (db: TestDatabase, extra: Record<string, string> = {}): Record<string, string> => ({
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
    ...extra,
  });
  const database = async (name: string): Promise<TestDatabase> => {
    const db = await createTestDatabase(name);
    dbs.push(db);
    return db;
  };
  const boot = async (
    role: 'producer' | 'consumer',
    service: string,
    appEnv: Record<string, string>,
    bus?: InProcessBus,
  ): Promise<NestFastifyApplication> => {
    const app = await createFixtureApp(role, service, appEnv, settings, bus);
    apps.push(app);
    return app;
  };

  beforeAll(() => {
    expect(
      startTracing('messaging-test', { spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    ).toBe(true);
  });

  afterAll(async () => {
    while (apps.length > 0) await apps.pop()!.close();
    while (dbs.length > 0) await dbs.pop()!.drop();
    await stopTracing();
  });

  /** The row keeps the request's context; publish is its child, process the publication's. */
  async function expectOneTrace(
    producerDb: TestDatabase,
    request: ReadableSpan,
    system: string,
  ): Promise<void> {
    const traceId = request.spanContext().traceId;
    const row = await queryOne<{ traceparent: string }>(
      producerDb.url,
      'SELECT traceparent FROM outbox_events ORDER BY sequence DESC LIMIT 1',
    );
    expect(row.traceparent).toBe(`00-${traceId}-${spanId(request)}-01`);
    const { publish, process } = await spansOf(traceId);
    expect(parentOf(publish)).toBe(spanId(request));
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(publish.attributes).toMatchObject({
      'messaging.system': system,
      'messaging.destination.name': settings.topic,
    });
    expect(parentOf(process)).toBe(spanId(publish));
    expect(process.kind).toBe(SpanKind.CONSUMER);
    expect(process.attributes).toMatchObject({ 'platform.outcome': 'processed' });
  }

  it('over the in-process bus', async () => {
    const producerDb = await database('trace_bus_producer');
    const consumerDb = await database('trace_bus_consumer');
    const bus = new InProcessBus();
    const producer = await boot('producer', 'trace-producer', env(producerDb), bus);
    await boot('consumer', 'trace-consumer', env(consumerDb), bus);
    await bus.start();

    const request = await tracedWrite(producer, 1);
    await expectOneTrace(producerDb, request, 'in-process');

    // An event written outside any trace starts none: no row context, no spans.
    await producer.get(ItemProducer).produce(2);
    await waitFor(
      'the untraced event',
      async () =>
        (await queryOne<{ n: number }>(consumerDb.url, 'SELECT count(*)::int AS n FROM processed'))
          .n === 2,
      10_000,
    );
    const untraced = await queryOne<{ traceparent: string | null }>(
      producerDb.url,
      'SELECT traceparent FROM outbox_events ORDER BY sequence DESC LIMIT 1',
    );
    expect(untraced.traceparent).toBeNull();
    const publishes = exporter.getFinishedSpans().filter((s) => s.name.startsWith('publish '));
    expect(publishes).toHaveLength(1);
  });

  describeKafka('over Kafka', () => {
    it('continues the trace from the ce_traceparent header', async () => {
      const producerDb = await database('trace_kafka_producer');
      const consumerDb = await database('trace_kafka_consumer');
      const kafka = { KAFKA_BROKERS: kafkaBrokers()!.join(','), KAFKA_MAX_WAIT_MS: '50' };
      const producer = await boot('producer', `trace-kp-${run}`, env(producerDb, kafka));
      const consumer = await boot(
        'consumer',
        `trace-kc-${run}`,
        env(consumerDb, { ...kafka, KAFKA_GROUP_ID: `trace-kc-${run}` }),
      );
      const request = await tracedWrite(producer, 3);
      await expectOneTrace(producerDb, request, 'kafka');
      // kafkajs's view of the consumer: caught up with its partition after the batch. kafkajs
      // reports it when the batch ends, which may be just after the handler's commit.
      const caughtUp = new RegExp(
        `^messaging_consumer_offset_lag\\{group="trace-kc-${run}",topic="fixture\\.traced\\.${run}",partition="\\d+",service="trace-kc-${run}"\\} 0$`,
        'm',
      );
      const scrape = await eventually(async () => {
        const body = (await consumer.inject({ method: 'GET', url: '/metrics' })).body;
        return caughtUp.test(body) ? body : undefined;
      }, 10_000).catch(
        async () => (await consumer.inject({ method: 'GET', url: '/metrics' })).body,
      );
      expect(scrape).toMatch(caughtUp);
    }, 90_000);
  });
});
