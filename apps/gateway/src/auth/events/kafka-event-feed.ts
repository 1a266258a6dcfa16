import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import type { SecurityProjections } from '../projections/security-projections';
import { decodeEvent } from './cloudevents-codec';
import { SecurityEventFeed } from './event-feed';

/**
 * Kafka mode: a consumer group of its own per gateway instance (every instance must see every
 * revocation, so they cannot share one group), reading the topics from offset 0 at each boot and
 * committing nothing. Caught up once it joined and reached the end offsets that existed at boot.
 */
export class KafkaEventFeed extends SecurityEventFeed {
  private readonly logger = new Logger('SecurityEventFeed');
  private readonly consumer: Consumer;
  /** `topic:partition` → the offset that must be reached (the end offset at boot). */
  private readonly targets = new Map<string, bigint>();
  private readonly reached = new Map<string, bigint>();
  private joined = false;
  private caughtUp = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly projections: SecurityProjections,
    maxWaitTimeInMs: number,
  ) {
    super();
    this.consumer = kafka.consumer({
      groupId: `gateway-auth-${hostname()}-${randomUUID()}`,
      maxWaitTimeInMs,
      allowAutoTopicCreation: true,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      this.recheck();
    });
  }

  async start(): Promise<void> {
    const topics = [...new Set(this.projections.definitions().map((d) => d.topic))];
    await this.loadTargets(topics);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachMessage: (m) => this.onMessage(m) });
  }

  isCaughtUp(): boolean {
    return this.caughtUp;
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }

  private onMessage({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const event = decodeEvent(message);
    if (event) this.projections.apply(event);
    else
      this.logger.warn(
        `skipped a message that is not a CloudEvent: ${topic}[${partition}]@${message.offset}`,
      );
    this.reached.set(`${topic}:${partition}`, BigInt(message.offset) + 1n);
    if (!this.caughtUp) this.recheck();
    return Promise.resolve();
  }

  private async loadTargets(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const topic of topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(p.high) > BigInt(p.low))
            this.targets.set(`${topic}:${p.partition}`, BigInt(p.high));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  private recheck(): void {
    if (this.caughtUp || !this.joined) return;
    for (const [key, target] of this.targets) if ((this.reached.get(key) ?? 0n) < target) return;
    this.caughtUp = true;
    this.logger.log('revocations and accesses replayed; the gateway now authenticates');
  }
}
