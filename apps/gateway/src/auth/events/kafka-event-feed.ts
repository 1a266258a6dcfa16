import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { ConsumerSupervisor, fromKafkaMessage } from '@platform/messaging';
import type { SecurityProjections } from '../projections/security-projections';
import { SecurityEventFeed } from './event-feed';

/**
 * Kafka mode: a consumer group of its own per gateway instance (every instance must see every
 * revocation, so they cannot share one group), reading the topics from offset 0 at each boot and
 * committing nothing. Caught up once it joined and reached the end offsets that existed at boot.
 */
export class KafkaEventFeed extends SecurityEventFeed {
  private readonly logger = new Logger('SecurityEventFeed');
  private readonly supervisor: ConsumerSupervisor;
  private topics: string[] = [];
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
    const groupId = `gateway-auth-${hostname()}-${randomUUID()}`;
    // A consumer that stopped for good (e.g. after a broker outage) would leave revocations
    // unseen: the supervisor replaces it; the new one reads from offset 0 again (nothing is
    // committed), which the projections absorb since applying an event twice changes nothing.
    this.supervisor = new ConsumerSupervisor(
      'gateway-auth',
      () => {
        const consumer = kafka.consumer({ groupId, maxWaitTimeInMs, allowAutoTopicCreation: true });
        consumer.on(consumer.events.GROUP_JOIN, () => {
          this.joined = true;
          this.recheck();
        });
        return consumer;
      },
      (consumer) => this.run(consumer),
    );
  }

  async start(): Promise<void> {
    this.topics = [...new Set(this.projections.definitions().map((d) => d.topic))];
    await this.loadTargets(this.topics);
    await this.supervisor.start();
  }

  private async run(consumer: Consumer): Promise<void> {
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: (m) => this.onMessage(m) });
  }

  isCaughtUp(): boolean {
    return this.caughtUp;
  }

  stop(): Promise<void> {
    return this.supervisor.stop();
  }

  private onMessage({ topic, partition, message }: EachMessagePayload): Promise<void> {
    try {
      this.projections.apply(fromKafkaMessage(message));
    } catch (e) {
      this.logger.warn(`skipped ${topic}[${partition}]@${message.offset}: ${(e as Error).message}`);
    }
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
