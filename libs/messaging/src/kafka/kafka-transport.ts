import { Logger } from '@nestjs/common';
import type { Admin, Kafka, Message, Producer } from 'kafkajs';
import { deadLetterTopic } from '@platform/contracts';
import type { MessagingMetrics } from '../messaging.metrics';
import { MessageTransport, type ConsumerRegistration, type OutgoingEvent } from '../transport';
import { toKafkaMessage } from './cloudevents';
import { createKafka, createProducer } from './kafka-client';
import { KafkaEventConsumer } from './kafka-consumer';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /** The consumer group of this service's instances. */
  groupId: string;
  maxWaitTimeInMs: number;
}

/**
 * kafkajs driven directly (ADR 0004): acks from all in-sync replicas, one request in flight so a
 * retried batch cannot overtake the next one, and no idempotent producer (not every
 * Kafka-protocol broker supports it; the consumers' inboxes make redelivery harmless).
 */
export class KafkaTransport extends MessageTransport {
  readonly kind = 'kafka' as const;
  private readonly logger = new Logger('messaging');
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private connected?: Promise<void>;
  private readonly consumers: KafkaEventConsumer[] = [];
  private readonly knownTopics = new Set<string>();

  constructor(
    private readonly options: KafkaTransportOptions,
    private readonly metrics: MessagingMetrics,
  ) {
    super();
    this.kafka = createKafka(options.clientId, options.brokers);
    this.producer = createProducer(this.kafka);
    this.admin = this.kafka.admin();
  }

  canPublish(): boolean {
    return true;
  }

  async publish(events: OutgoingEvent[]): Promise<void> {
    await this.connect();
    const byTopic = new Map<string, Message[]>();
    for (const event of events) {
      const messages = byTopic.get(event.topic) ?? [];
      messages.push(toKafkaMessage(event));
      byTopic.set(event.topic, messages);
    }
    await this.ensureTopics([...byTopic.keys()]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  async subscribe(registration: ConsumerRegistration): Promise<void> {
    const topics = [...new Set(registration.definitions.map((d) => d.topic))];
    if (topics.length === 0) return;
    await this.connect();
    await this.ensureTopics([...topics, ...topics.map(deadLetterTopic)]);
    const consumer = new KafkaEventConsumer(
      this.kafka,
      this.producer,
      registration.processor,
      this.options.groupId,
      this.options.maxWaitTimeInMs,
      this.metrics,
    );
    this.consumers.push(consumer);
    await consumer.start(topics);
  }

  async checkReady(): Promise<void> {
    await this.connect();
    await this.admin.describeCluster();
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.stop()));
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }

  private connect(): Promise<void> {
    this.connected ??= Promise.all([this.producer.connect(), this.admin.connect()]).then(
      () => undefined,
      (e: unknown) => {
        this.connected = undefined; // try again on the next call
        throw e;
      },
    );
    return this.connected;
  }

  /**
   * Real brokers may have auto-creation off, so topics are created when first used; failures are
   * ignored because brokers that auto-create (or refuse the admin call) still take the messages.
   */
  private async ensureTopics(topics: string[]): Promise<void> {
    const fresh = topics.filter((t) => !this.knownTopics.has(t));
    if (fresh.length === 0) return;
    fresh.forEach((t) => this.knownTopics.add(t));
    await this.admin
      .createTopics({
        topics: fresh.map((topic) => ({ topic })),
        waitForLeaders: true,
        timeout: 2_000,
      })
      .catch((e: unknown) => this.logger.debug(`createTopics ${fresh.join(',')}: ${String(e)}`));
  }
}
