import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic, type EventEnvelope } from '@platform/contracts';
import type { EventProcessor } from '../consumer/event-processor';
import { errorText } from '../consumer/event-processor';
import type { MessagingMetrics } from '../messaging.metrics';
import { fromKafkaMessage } from './cloudevents';
import { ConsumerSupervisor } from './consumer-supervisor';

/** How often (in messages) offsets are committed inside a long batch; always at its end too. */
const COMMIT_EVERY = 100;

/**
 * The most messages of a fetched batch handed to the processor in one transaction, when their
 * handlers take batches (`@OnEventBatch`); their offsets are resolved once it committed.
 */
const MAX_EVENTS_PER_TRANSACTION = 100;

/**
 * How many partitions' batches are processed at once (kafkajs `partitionsConsumedConcurrently`):
 * one partition's messages stay strictly in order, while the transactions of different partitions
 * overlap. Each holds a pooled connection (services' pools are 10 or more).
 */
const PARTITIONS_AT_ONCE = 4;

interface Decoded {
  message: KafkaMessage;
  envelope?: EventEnvelope<unknown>;
  /** Why it could not be decoded (dead-lettered). */
  undecodable?: string;
}

/**
 * One service's consumer group on Kafka. Offsets are committed by hand only after the event's
 * inbox transaction committed, so a crash redelivers and the inbox dedupes. An event given up on
 * goes to `<topic>.dlq` with its original headers, value and key plus `dlq_*` headers, and its
 * offset is committed so the partition moves on.
 */
export class KafkaEventConsumer {
  private readonly logger = new Logger('messaging');
  private readonly supervisor: ConsumerSupervisor;
  private topics: string[] = [];

  constructor(
    kafka: Kafka,
    private readonly producer: Producer,
    private readonly processor: EventProcessor,
    private readonly groupId: string,
    maxWaitTimeInMs: number,
    private readonly metrics: MessagingMetrics,
  ) {
    this.supervisor = new ConsumerSupervisor(
      groupId,
      () =>
        kafka.consumer({
          groupId,
          maxWaitTimeInMs,
          allowAutoTopicCreation: true,
          // A crashed member holds its partitions until its session times out (kafkajs default
          // 30 s); 10 s (Kafka's classic default) gets a restarted instance going sooner.
          sessionTimeout: 10_000,
          heartbeatInterval: 3_000,
        }),
      (consumer) => this.run(consumer),
    );
  }

  async start(topics: string[]): Promise<void> {
    this.topics = topics;
    await this.supervisor.start();
    this.logger.log(`${this.groupId}: consuming ${topics.join(', ')}`);
  }

  stop(): Promise<void> {
    return this.supervisor.stop();
  }

  private async run(consumer: Consumer): Promise<void> {
    await consumer.connect();
    // A new group starts at the beginning: events published before it first joined still count.
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.eachBatch(consumer, payload),
    });
  }

  /**
   * A fetched batch of one partition, in offset order: runs of consecutive events whose handlers
   * take batches go to the processor together (one transaction each, at most
   * `MAX_EVENTS_PER_TRANSACTION`), every other message alone; offsets are resolved after each.
   */
  private async eachBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition, messages } = batch;
    let uncommitted = 0;
    let last: string | undefined;
    for (let i = 0; i < messages.length;) {
      if (!isRunning() || isStale()) break;
      const run: Decoded[] = [];
      for (let j = i; j < messages.length && run.length < MAX_EVENTS_PER_TRANSACTION; j++) {
        const decoded = decode(messages[j]);
        if (!decoded.envelope || !this.processor.batchable(decoded.envelope)) {
          if (run.length === 0) run.push(decoded);
          break;
        }
        run.push(decoded);
      }
      if (run.length === 1) await this.handle(topic, partition, run[0]);
      else await this.handleBatch(topic, partition, run);
      i += run.length;
      this.supervisor.progress();
      last = run[run.length - 1].message.offset;
      resolveOffset(last);
      await heartbeat();
      uncommitted += run.length;
      if (uncommitted >= COMMIT_EVERY) {
        await this.commit(consumer, topic, partition, last);
        uncommitted = 0;
      }
    }
    if (uncommitted > 0 && last !== undefined)
      await this.commit(consumer, batch.topic, batch.partition, last);
    if (last !== undefined) {
      const behind = Number(BigInt(batch.highWatermark) - BigInt(last) - 1n);
      this.metrics.kafkaOffsetLag(this.groupId, batch.topic, batch.partition, behind);
    }
  }

  private commit(
    consumer: Consumer,
    topic: string,
    partition: number,
    offset: string,
  ): Promise<void> {
    // The committed offset is the next one to read.
    return consumer.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
  }

  private async handle(topic: string, partition: number, decoded: Decoded): Promise<void> {
    const { message, envelope, undecodable } = decoded;
    if (!envelope) return this.deadLetter(topic, partition, message, undecodable ?? '', 0);
    // Errors other than a handler's (database down) throw: the consumer restarts from the last
    // committed offset and the inbox skips what had committed.
    const outcome = await this.processor.process(envelope);
    if (outcome.kind === 'dead-letter')
      await this.deadLetter(topic, partition, message, outcome.error, outcome.attempts);
  }

  private async handleBatch(topic: string, partition: number, run: Decoded[]): Promise<void> {
    const outcomes = await this.processor.processBatch(
      run.map((d) => d.envelope as EventEnvelope<unknown>),
    );
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.kind === 'dead-letter')
        await this.deadLetter(topic, partition, run[i].message, outcome.error, outcome.attempts);
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: string,
    attempts: number,
  ): Promise<void> {
    const headers: IHeaders = {
      ...message.headers,
      dlq_error: errorText(error),
      dlq_attempts: String(attempts),
      dlq_consumer_group: this.groupId,
      dlq_topic: topic,
      dlq_partition: String(partition),
      dlq_offset: message.offset,
    };
    await this.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.metrics.deadLettered(this.groupId, topic);
    this.logger.error(
      `${this.groupId}: dead-lettered ${topic}[${partition}]@${message.offset} after ${attempts} attempt(s): ${error}`,
    );
  }
}

function decode(message: KafkaMessage): Decoded {
  try {
    return { message, envelope: fromKafkaMessage(message) };
  } catch (e) {
    if (!(e instanceof Error && e.name === 'UndecodableMessage')) throw e;
    return { message, undecodable: e.message };
  }
}
