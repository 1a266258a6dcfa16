import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@platform/contracts';
import { MessageTransport, type ConsumerRegistration, type OutgoingEvent } from '../transport';
import { DeadLetterEntity } from '../inbox/dead-letter.entity';
import type { MessagingMetrics } from '../messaging.metrics';
import type { InProcessBus } from './in-process-bus';

/**
 * The in-process bus seen from one service. Dead letters are rows in the consumer's own
 * `dead_letters` table (there is no topic to send them to).
 */
export class BusTransport extends MessageTransport {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('messaging');
  private readonly groups: string[] = [];

  constructor(
    private readonly bus: InProcessBus,
    private readonly dataSource: DataSource,
    private readonly metrics: MessagingMetrics,
  ) {
    super();
  }

  canPublish(): boolean {
    return this.bus.isStarted;
  }

  publish(events: OutgoingEvent[]): Promise<void> {
    return this.bus.publish(events);
  }

  async subscribe({ group, definitions, processor }: ConsumerRegistration): Promise<void> {
    if (definitions.length === 0) return;
    this.groups.push(group);
    this.bus.register(
      group,
      definitions.map((d) => d.type),
      async (topic, event) => {
        const outcome = await processor.process(event);
        if (outcome.kind === 'dead-letter') await this.deadLetter(group, topic, event, outcome);
      },
      {
        batchable: (event) => processor.batchable(event),
        deliver: async (events) => {
          const outcomes = await processor.processBatch(events.map(({ topic: _, ...e }) => e));
          for (const [i, outcome] of outcomes.entries()) {
            if (outcome.kind !== 'dead-letter') continue;
            const { topic, ...event } = events[i];
            await this.deadLetter(group, topic, event, outcome);
          }
        },
      },
    );
    return Promise.resolve();
  }

  private async deadLetter(
    group: string,
    topic: string,
    event: EventEnvelope<unknown>,
    outcome: { error: string; attempts: number },
  ): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DeadLetterEntity)
      .values({
        eventId: event.id,
        consumerGroup: group,
        topic,
        type: event.type,
        envelope: event,
        error: outcome.error,
        attempts: outcome.attempts,
      })
      .orIgnore()
      .execute();
    this.metrics.deadLettered(group, topic);
    this.logger.error(
      `${group}: dead-lettered ${event.type} ${event.id} after ${outcome.attempts} attempt(s): ${outcome.error}`,
    );
  }

  async checkReady(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.groups.forEach((g) => this.bus.unregister(g));
    return Promise.resolve();
  }
}
