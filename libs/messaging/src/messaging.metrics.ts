import { Injectable } from '@nestjs/common';
import { eventDefinition } from '@platform/contracts';
import { AppMetrics, collectedGauge } from '@platform/observability';
import { DataSource } from 'typeorm';
import type { ProcessOutcome } from './consumer/event-processor';

/** Seconds from an event's time to its publication or processing: 10 ms to 1 h. */
const LAG_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
/** One backlog query serves the gauges of one scrape. */
const BACKLOG_READ_TTL_MS = 1_000;

export type ConsumerOutcome = ProcessOutcome['kind'] | 'error';

interface Backlog {
  count: number;
  oldestAgeSeconds: number | null;
}

/**
 * The service's messaging series: the outbox (backlog and the age of its oldest unpublished
 * event, read at scrape time; publications, failures and publication delay), the consumer
 * (events by type and outcome, the age of events when processed, Kafka offset lag per
 * partition) and dead letters.
 */
@Injectable()
export class MessagingMetrics {
  private readonly published;
  private readonly publishFailures;
  private readonly publishDelay;
  private readonly consumed;
  private readonly consumerLag;
  private readonly deadLetters;
  private readonly offsetLag;
  private backlog?: { at: number; read: Promise<Backlog> };

  constructor(metrics: AppMetrics, dataSource: DataSource) {
    this.published = metrics.counter({
      name: 'messaging_outbox_published_total',
      help: 'Outbox events the transport acknowledged',
    });
    this.publishFailures = metrics.counter({
      name: 'messaging_outbox_publish_failures_total',
      help: 'Outbox batches the transport refused (the relay retries them)',
    });
    this.publishDelay = metrics.histogram({
      name: 'messaging_outbox_publish_delay_seconds',
      help: 'Time from an event (its commit) to its acknowledgement by the transport',
      buckets: LAG_BUCKETS,
    });
    this.consumed = metrics.counter({
      name: 'messaging_consumer_events_total',
      help: 'Events the consumer group handled, by type and outcome',
      labelNames: ['group', 'type', 'outcome'] as const,
    });
    this.consumerLag = metrics.histogram({
      name: 'messaging_consumer_lag_seconds',
      help: 'Age of events (now minus their time) when the consumer group finished them',
      labelNames: ['group'] as const,
      buckets: LAG_BUCKETS,
    });
    this.deadLetters = metrics.counter({
      name: 'messaging_dead_letters_total',
      help: 'Events given up on and set aside (dead-letter topic or table), by topic',
      labelNames: ['group', 'topic'] as const,
    });
    this.offsetLag = metrics.gauge({
      name: 'messaging_consumer_offset_lag',
      help: 'Kafka messages behind the partition high watermark after the last batch',
      labelNames: ['group', 'topic', 'partition'] as const,
    });
    this.registerBacklog(metrics, dataSource);
  }

  outboxPublished(eventTimes: Date[]): void {
    const now = Date.now();
    this.published.inc(eventTimes.length);
    for (const t of eventTimes) this.publishDelay.observe(Math.max(0, (now - t.getTime()) / 1000));
  }

  outboxPublishFailed(): void {
    this.publishFailures.inc();
  }

  eventHandled(group: string, type: string, outcome: ConsumerOutcome, time: string): void {
    // A type outside the catalogue (whatever a producer wrote) must not mint new series.
    this.consumed.inc({ group, type: eventDefinition(type) ? type : 'unknown', outcome });
    const at = Date.parse(time);
    if (Number.isFinite(at))
      this.consumerLag.observe({ group }, Math.max(0, (Date.now() - at) / 1000));
  }

  deadLettered(group: string, topic: string): void {
    this.deadLetters.inc({ group, topic });
  }

  kafkaOffsetLag(group: string, topic: string, partition: number, lag: number): void {
    this.offsetLag.set({ group, topic, partition: String(partition) }, Math.max(0, lag));
  }

  private registerBacklog(metrics: AppMetrics, dataSource: DataSource): void {
    collectedGauge(
      metrics,
      { name: 'messaging_outbox_backlog', help: 'Outbox events not yet published' },
      async () => [{ value: (await this.readBacklog(dataSource)).count }],
    );
    collectedGauge(
      metrics,
      {
        name: 'messaging_outbox_oldest_age_seconds',
        help: 'Age of the oldest unpublished outbox event (0 when none is waiting)',
      },
      async () => [{ value: (await this.readBacklog(dataSource)).oldestAgeSeconds ?? 0 }],
    );
  }

  private readBacklog(dataSource: DataSource): Promise<Backlog> {
    const now = Date.now();
    if (!this.backlog || now - this.backlog.at > BACKLOG_READ_TTL_MS) {
      // The partial index on unpublished rows keeps this cheap however large the table grows.
      const read = dataSource
        .query(
          `SELECT count(*)::int AS count, extract(epoch FROM now() - min(time))::float8 AS age
             FROM outbox_events WHERE published_at IS NULL`,
        )
        .then(([row]: { count: number; age: number | null }[]) => ({
          count: row?.count ?? 0,
          oldestAgeSeconds: row?.age ?? null,
        }));
      this.backlog = { at: now, read };
      read.catch(() => (this.backlog = undefined));
    }
    return this.backlog.read;
  }
}
