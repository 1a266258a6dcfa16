import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic } from '@platform/contracts';
import type { EventProcessor } from '../consumer/event-processor';
import { errorText } from '../consumer/event-processor';
import type { MessagingMetrics } from '../messaging.metrics';
import { fromKafkaMessage } from './cloudevents';
import { ConsumerSupervisor } from './consumer-supervisor';

/** How often (in messages) offsets are committed inside a long batch; always at its end too. */
const COMMIT_EVERY = 100;

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
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.eachBatch(consumer, payload),
    });
  }

  private async eachBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    let uncommitted = 0;
    let last: string | undefined;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      await this.handle(batch.topic, batch.partition, message);
      this.supervisor.progress();
      resolveOffset(message.offset);
      last = message.offset;
      await heartbeat();
      if (++uncommitted >= COMMIT_EVERY) {
        await this.commit(consumer, batch.topic, batch.partition, last);
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

  private async handle(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    let error: string;
    let attempts = 0;
    try {
      const outcome = await this.processor.process(fromKafkaMessage(message));
      if (outcome.kind !== 'dead-letter') return;
      ({ error, attempts } = outcome);
    } catch (e) {
      if (!(e instanceof Error && e.name === 'UndecodableMessage')) throw e; // infra: redeliver
      error = e.message;
    }
    await this.deadLetter(topic, partition, message, error, attempts);
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
