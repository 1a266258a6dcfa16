import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { ConsumerSupervisor, fromKafkaMessage } from '@platform/messaging';
import type { SecurityProjections } from '../projections/security-projections';
import { SecurityEventFeed } from './event-feed';

/**
 * Kafka mode: a consumer group of its own per gateway instance (every instance must see every
 * revocation, so they cannot share one group), committing nothing. At boot it reads the end
 * offsets and starts there: what came before is in the owners' snapshots, which RevocationSync
 * loads only after this (ADR 0013), so the boot costs the same however much history the topics
 * keep (replaying them from offset 0 made a restarted gateway take 20 s and more under load, and
 * grew with retention). Caught up once it joined its group at those offsets.
 */
export class KafkaEventFeed extends SecurityEventFeed {
  private readonly logger = new Logger('SecurityEventFeed');
  private readonly supervisor: ConsumerSupervisor;
  private topics: string[] = [];
  /**
   * `topic:partition` → the next offset to read: the end offset at boot, then past each message
   * applied. A consumer that replaces a stopped one starts from here (nothing is committed).
   */
  private readonly next = new Map<string, bigint>();
  private caughtUp = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly projections: SecurityProjections,
    maxWaitTimeInMs: number,
  ) {
    super();
    const groupId = `gateway-auth-${hostname()}-${randomUUID()}`;
    // A consumer that stopped for good (e.g. after a broker outage) would leave revocations
    // unseen: the supervisor replaces it, and the new one resumes where the last one was.
    this.supervisor = new ConsumerSupervisor(
      'gateway-auth',
      () => {
        const consumer = kafka.consumer({ groupId, maxWaitTimeInMs, allowAutoTopicCreation: true });
        // Emitted inside consumer.run, before its first fetch: the seeks apply to that fetch.
        consumer.on(consumer.events.GROUP_JOIN, () => {
          this.seekToNext(consumer);
          this.joinedAtBootOffsets();
        });
        return consumer;
      },
      (consumer) => this.run(consumer),
    );
  }

  async start(): Promise<void> {
    this.topics = [...new Set(this.projections.definitions().map((d) => d.topic))];
    await this.loadEndOffsets(this.topics);
    await this.supervisor.start();
  }

  private async run(consumer: Consumer): Promise<void> {
    await consumer.connect();
    // A partition without a position (one created after boot) is read from its start.
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: (m) => this.onMessage(m) });
  }

  /** Positions every known partition at its next offset (kafkajs applies seeks at the next fetch). */
  private seekToNext(consumer: Consumer): void {
    for (const [key, offset] of this.next) {
      const at = key.lastIndexOf(':');
      const [topic, partition] = [key.slice(0, at), Number(key.slice(at + 1))];
      consumer.seek({ topic, partition, offset: offset.toString() });
    }
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
    this.next.set(`${topic}:${partition}`, BigInt(message.offset) + 1n);
    return Promise.resolve();
  }

  private async loadEndOffsets(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const topic of topics)
        for (const p of await admin.fetchTopicOffsets(topic))
          this.next.set(`${topic}:${p.partition}`, BigInt(p.high));
    } finally {
      await admin.disconnect();
    }
  }

  private joinedAtBootOffsets(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    this.logger.log('listening from the end offsets read at boot; the gateway now authenticates');
  }
}
