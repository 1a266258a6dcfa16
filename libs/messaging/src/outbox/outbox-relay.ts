import { Logger } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';
import { lockKey } from '@platform/persistence';
import type { MessageTransport, OutgoingEvent } from '../transport';
import { errorText } from '../consumer/event-processor';
import { backoffDelay, type RetryPolicy } from '../consumer/retry-policy';
import type { MessagingMetrics } from '../messaging.metrics';
import { PublishSpans } from './publish-spans';
import { OUTBOX_CHANNEL } from './typeorm-outbox-publisher';

export interface RelayOptions {
  /**
   * Idle poll interval. The leader also LISTENs for the NOTIFY each outbox write commits with, so
   * this is only the worst case when a notification is lost (a reconnect) or never sent.
   */
  pollIntervalMs: number;
  batchSize: number;
  /** How often a follower tries to become the leader. */
  leaderRetryMs: number;
  /** Waiting after failed publishes; the relay never gives up on a row. */
  backoff: RetryPolicy;
}

interface OutboxRow {
  sequence: string;
  id: string;
  topic: string;
  type: string;
  source: string;
  subject: string;
  entity: string | null;
  time: Date;
  data: object;
  traceparent: string | null;
}

/**
 * Publishes the outbox in sequence order and marks rows published only after the transport
 * acknowledged them. One relay per service database publishes at a time: the leader holds a
 * session advisory lock on its own connection (lost with the connection, so a dead leader is
 * replaced), which keeps per-aggregate order even with several instances running.
 */
export class OutboxRelay {
  private readonly logger = new Logger('messaging');
  private runner?: QueryRunner;
  private running = false;
  private loop?: Promise<void>;
  private failures = 0;
  private wake?: () => void;
  /** A notification came while the relay was busy: skip the next pause. */
  private nudged = false;
  private readonly onNotification = (): void => this.nudge();

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MessageTransport,
    private readonly service: string,
    private readonly options: RelayOptions,
    private readonly metrics: MessagingMetrics,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.resign();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const delay = await this.tick().catch(async (e: unknown) => {
        this.logger.error(`${this.service}: outbox relay error: ${errorText(e)}`);
        await this.resign();
        return backoffDelay(this.options.backoff, ++this.failures);
      });
      if (this.nudged) this.nudged = false;
      else if (delay > 0 && this.running) await this.pause(delay);
    }
  }

  /** One step; returns how long to wait before the next. */
  private async tick(): Promise<number> {
    // Leadership first: the leader listens for outbox commits even while it cannot publish yet.
    const runner = await this.leadership();
    if (!runner) return this.options.leaderRetryMs;
    if (!this.transport.canPublish()) return this.options.pollIntervalMs;
    const rows: OutboxRow[] = await runner.query(
      `SELECT sequence, id, topic, type, source, subject, entity, time, data, traceparent
       FROM outbox_events WHERE published_at IS NULL ORDER BY sequence LIMIT $1`,
      [this.options.batchSize],
    );
    const [head] = rows;
    if (!head) return this.options.pollIntervalMs;
    const events = rows.map(toOutgoing);
    const spans = PublishSpans.start(this.service, this.transport.kind, events);
    try {
      await spans.run(events, () => this.transport.publish(events));
    } catch (e) {
      spans.end(e);
      return this.publishFailed(runner, head, e);
    }
    spans.end();
    this.metrics.outboxPublished(rows.map((r) => new Date(r.time)));
    await runner.query(
      'UPDATE outbox_events SET published_at = now() WHERE sequence = ANY($1::bigint[])',
      [rows.map((r) => r.sequence)],
    );
    if (this.failures > 0) this.logger.log(`${this.service}: outbox relay recovered`);
    this.failures = 0;
    this.logger.debug(`${this.service}: published ${rows.length} event(s) from #${head.sequence}`);
    return rows.length === this.options.batchSize ? 0 : this.options.pollIntervalMs;
  }

  private async publishFailed(runner: QueryRunner, head: OutboxRow, e: unknown): Promise<number> {
    this.metrics.outboxPublishFailed();
    const error = errorText(e);
    await runner.query(
      'UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE sequence = $1',
      [head.sequence, error],
    );
    const delay = backoffDelay(this.options.backoff, ++this.failures);
    this.logger.warn(
      `${this.service}: publishing outbox #${head.sequence} failed (${this.failures}x), retrying in ${delay} ms: ${error}`,
    );
    return delay;
  }

  /** The leader's connection, taking the lock when free; undefined while another instance leads. */
  private async leadership(): Promise<QueryRunner | undefined> {
    if (this.runner) return this.runner;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [row] = (await runner.query('SELECT pg_try_advisory_lock($1) AS ok', [
        lockKey(`outbox-relay:${this.service}`),
      ])) as { ok: boolean }[];
      if (!row?.ok) {
        await runner.release();
        return undefined;
      }
    } catch (e) {
      await runner.release();
      throw e;
    }
    await this.listen(runner);
    this.logger.log(`${this.service}: this instance now relays the outbox`);
    this.runner = runner;
    return runner;
  }

  /** Releasing the connection ends its session lock (the pool resets it; unlock to be explicit). */
  private async resign(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (!runner) return;
    connectionOf(runner)?.removeListener('notification', this.onNotification);
    await runner.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
    await runner.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await runner.release().catch(() => undefined);
  }

  /** The leader's connection hears every commit that wrote to the outbox (see the publisher). */
  private async listen(runner: QueryRunner): Promise<void> {
    const connection = connectionOf(runner);
    if (!connection) return; // not node-postgres: polling alone
    connection.on('notification', this.onNotification);
    try {
      await runner.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (e) {
      connection.removeListener('notification', this.onNotification);
      await runner.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      await runner.release();
      throw e;
    }
  }

  private nudge(): void {
    if (this.wake) this.wake();
    else this.nudged = true;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

interface NotifyingConnection {
  on(event: 'notification', listener: () => void): unknown;
  removeListener(event: 'notification', listener: () => void): unknown;
}

/** The node-postgres client under a TypeORM query runner, when it is one. */
function connectionOf(runner: QueryRunner): NotifyingConnection | undefined {
  const connection = (runner as QueryRunner & { databaseConnection?: unknown }).databaseConnection;
  return connection && typeof (connection as NotifyingConnection).on === 'function'
    ? (connection as NotifyingConnection)
    : undefined;
}

function toOutgoing(row: OutboxRow): OutgoingEvent {
  const event: OutgoingEvent = {
    topic: row.topic,
    id: row.id,
    type: row.type,
    source: row.source,
    time: new Date(row.time).toISOString(),
    subject: row.subject,
    data: row.data,
  };
  if (row.entity) event.entity = row.entity;
  if (row.traceparent) event.traceparent = row.traceparent;
  return event;
}
