import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic } from '@platform/contracts';
import type { EventProcessor } from '../consumer/event-processor';
import { errorText } from '../consumer/event-processor';
import { fromKafkaMessage } from './cloudevents';

/** How often (in messages) offsets are committed inside a long batch; always at its end too. */
const COMMIT_EVERY = 100;

/** When a consumer counts as stuck and how its replacement is paced. */
export interface ConsumerRecovery {
  checkEveryMs: number;
  stallAfterMs: number;
  disconnectTimeoutMs: number;
  maxBackoffMs: number;
}

/**
 * A healthy consumer starts a fetch at least every `maxWaitTimeInMs` (≤ 30 s) plus the broker's
 * answer time, and kafkajs retries a failing broker for about 30 s before it gives up: 60 s
 * without a fetch or a handled message is past both.
 */
export const DEFAULT_RECOVERY: ConsumerRecovery = {
  checkEveryMs: 5_000,
  stallAfterMs: 60_000,
  disconnectTimeoutMs: 10_000,
  maxBackoffMs: 30_000,
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One service's consumer group on Kafka. Offsets are committed by hand only after the event's
 * inbox transaction committed, so a crash redelivers and the inbox dedupes. An event given up on
 * goes to `<topic>.dlq` with its original headers, value and key plus `dlq_*` headers, and its
 * offset is committed so the partition moves on.
 */
export class KafkaEventConsumer {
  private readonly logger = new Logger('messaging');
  private consumer: Consumer;
  private topics: string[] = [];
  private stopped = false;
  private restarting?: Promise<void>;
  private watchdog?: NodeJS.Timeout;
  /** Last sign of life: a fetch started or a message was handled. */
  private lastProgress = Date.now();

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly processor: EventProcessor,
    private readonly maxWaitTimeInMs: number,
    private readonly recovery: ConsumerRecovery = DEFAULT_RECOVERY,
  ) {
    this.consumer = this.create();
  }

  async start(topics: string[]): Promise<void> {
    this.topics = topics;
    await this.run(this.consumer);
    this.watchdog = setInterval(() => this.checkStalled(), this.recovery.checkEveryMs);
    this.watchdog.unref();
    this.logger.log(`${this.processor.group}: consuming ${topics.join(', ')}`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watchdog);
    await this.restarting;
    await this.consumer.disconnect();
  }

  private create(): Consumer {
    const consumer = this.kafka.consumer({
      groupId: this.processor.group,
      maxWaitTimeInMs: this.maxWaitTimeInMs,
      allowAutoTopicCreation: true,
      // A crashed member holds its partitions until its session times out (kafkajs default 30 s);
      // 10 s (Kafka's classic default) gets a restarted instance going sooner.
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
    });
    consumer.on(consumer.events.FETCH_START, () => {
      if (consumer === this.consumer) this.lastProgress = Date.now();
    });
    // kafkajs restarts itself after retriable errors; after any other it stops for good.
    consumer.on(consumer.events.CRASH, (event) => {
      if (consumer !== this.consumer || event.payload.restart) return;
      this.replace(`crashed: ${event.payload.error.message}`);
    });
    return consumer;
  }

  private async run(consumer: Consumer): Promise<void> {
    await consumer.connect();
    // A new group starts at the beginning: events published before it first joined still count.
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /**
   * A consumer that neither fetches nor handles anything for `stallAfterMs` is stuck (seen after
   * a broker outage: the group session is gone and kafkajs never rejoins). It is replaced.
   */
  private checkStalled(): void {
    const idle = Date.now() - this.lastProgress;
    if (idle > this.recovery.stallAfterMs) this.replace(`no fetch for ${idle} ms`);
  }

  /**
   * Disconnects the consumer and runs a new one in the same group. Uncommitted events are read
   * again from the last committed offset, and the inbox makes that harmless.
   */
  private replace(reason: string): void {
    if (this.stopped || this.restarting) return;
    this.logger.warn(`${this.processor.group}: consumer ${reason}; starting a new one`);
    const old = this.consumer;
    this.restarting = (async () => {
      await withTimeout(old.disconnect(), this.recovery.disconnectTimeoutMs).catch(() => undefined);
      for (let attempt = 1; !this.stopped; attempt++) {
        const next = this.create();
        this.consumer = next;
        this.lastProgress = Date.now();
        try {
          await this.run(next);
          this.logger.log(`${this.processor.group}: consuming again`);
          return;
        } catch (e) {
          const delay = Math.min(this.recovery.maxBackoffMs, 1_000 * attempt);
          this.logger.warn(
            `${this.processor.group}: restart failed (${errorText(e)}); retrying in ${delay} ms`,
          );
          await withTimeout(next.disconnect(), this.recovery.disconnectTimeoutMs).catch(
            () => undefined,
          );
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    })().finally(() => {
      this.restarting = undefined;
      this.lastProgress = Date.now();
    });
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    let uncommitted = 0;
    let last: string | undefined;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      await this.handle(batch.topic, batch.partition, message);
      this.lastProgress = Date.now();
      resolveOffset(message.offset);
      last = message.offset;
      await heartbeat();
      if (++uncommitted >= COMMIT_EVERY) {
        await this.commit(batch.topic, batch.partition, last);
        uncommitted = 0;
      }
    }
    if (uncommitted > 0 && last !== undefined)
      await this.commit(batch.topic, batch.partition, last);
  }

  private commit(topic: string, partition: number, offset: string): Promise<void> {
    // The committed offset is the next one to read.
    return this.consumer.commitOffsets([
      { topic, partition, offset: (BigInt(offset) + 1n).toString() },
    ]);
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
      dlq_consumer_group: this.processor.group,
      dlq_topic: topic,
      dlq_partition: String(partition),
      dlq_offset: message.offset,
    };
    await this.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.logger.error(
      `${this.processor.group}: dead-lettered ${topic}[${partition}]@${message.offset} after ${attempts} attempt(s): ${error}`,
    );
  }
}
