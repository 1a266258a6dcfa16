import { Logger } from '@nestjs/common';
import { Topics, type EventEnvelope } from '@platform/contracts';
import { createKafka, createProducer, InProcessBus, toKafkaMessage } from '@platform/messaging';
import type { Kafka, Producer } from 'kafkajs';
import type { GatewayEnv } from '../config';
import { BusEventFeed } from './events/bus-event-feed';
import { NoEventFeed, type SecurityEventFeed } from './events/event-feed';
import { KafkaEventFeed } from './events/kafka-event-feed';
import type { SendBatch } from './events/security-audit';
import type { SecurityProjections } from './projections/security-projections';
import { MemoryRateLimiter } from './rate-limit/memory-rate-limiter';
import type { RateLimiter } from './rate-limit/rate-limiter';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter';

/**
 * How the gateway's authentication reaches the outside world: Kafka when KAFKA_BROKERS is set,
 * else the in-process bus of `npm start`, else nothing (a lone gateway in development).
 */
export class AuthTransport {
  private producer?: Producer;
  private producerReady?: Promise<void>;

  constructor(
    readonly kafka: Kafka | undefined,
    readonly bus: InProcessBus | undefined,
  ) {}

  /** kafkajs from @platform/messaging: its warnings and errors go to the gateway's log. */
  static from(env: GatewayEnv, bus: unknown): AuthTransport {
    const brokers = env.kafkaBrokers;
    const kafka = brokers.length > 0 ? createKafka('gateway-auth', brokers) : undefined;
    const transport = new AuthTransport(
      kafka,
      !kafka && bus instanceof InProcessBus ? bus : undefined,
    );
    if (!transport.kafka && !transport.bus) refuseWithoutFeed(env);
    return transport;
  }

  feed(projections: SecurityProjections, maxWaitMs: number): SecurityEventFeed {
    if (this.kafka) return new KafkaEventFeed(this.kafka, projections, maxWaitMs);
    if (this.bus) return new BusEventFeed(this.bus, projections);
    return new NoEventFeed();
  }

  /** Without DATABASE_URL (development): publishes a batch of audit records directly. */
  auditSender(): SendBatch | undefined {
    return this.directSender(Topics.Security);
  }

  /** Without DATABASE_URL (development): publishes a batch of events to `topic` directly. */
  directSender<T extends object>(
    topic: string,
  ): ((events: EventEnvelope<T>[]) => Promise<void>) | undefined {
    const kafka = this.kafka;
    if (kafka) return (events) => this.sendToKafka(kafka, topic, events);
    const bus = this.bus;
    if (bus) return (events) => bus.publish(events.map((e) => ({ ...e, topic })));
    return undefined;
  }

  async close(): Promise<void> {
    if (this.producerReady) await this.producer?.disconnect();
  }

  private async sendToKafka<T extends object>(
    kafka: Kafka,
    topic: string,
    events: EventEnvelope<T>[],
  ): Promise<void> {
    this.producer ??= createProducer(kafka);
    this.producerReady ??= this.producer.connect().catch((e: unknown) => {
      this.producerReady = undefined;
      throw e;
    });
    await this.producerReady;
    await this.producer.send({
      topic,
      acks: -1,
      messages: events.map(toKafkaMessage),
    });
  }
}

/**
 * Without a feed the gateway learns nothing after its boot-time snapshot: a token revoked later
 * would keep working. In production that is a configuration error; elsewhere, a loud warning.
 */
function refuseWithoutFeed(env: GatewayEnv): void {
  const sentence =
    'KAFKA_BROKERS is not set and there is no in-process bus, so the gateway would never hear of a revocation after it starts';
  if (env.NODE_ENV === 'production') {
    throw new Error(`${sentence}: set KAFKA_BROKERS (or run the platform with npm start).`);
  }
  new Logger('GatewayAuth').warn(
    `${sentence}. Development only: revocations made after this boot are NOT enforced.`,
  );
}

export function rateLimiterFor(env: GatewayEnv): RateLimiter {
  return env.REDIS_URL ? new RedisRateLimiter(env.REDIS_URL) : new MemoryRateLimiter();
}
