import { Injectable } from '@nestjs/common';
import {
  DataSource,
  In,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
} from 'typeorm';
import { paginate, type AllowList, type ListQuery, type Page } from '@platform/http';
import { DELIVERIES_ADDED } from '../engine/deliveries-added';
import { AttemptEntity, DeliveryEntity } from './delivery.entity';

const FIELDS: AllowList = {
  id: { column: 'd.id', type: 'uuid' },
  eventId: { column: 'd.eventId', type: 'string' },
  action: { column: 'd.eventType', type: 'string' },
  status: { column: 'd.status', type: 'string' },
  attempts: { column: 'd.attempts', type: 'integer' },
  createdAt: { column: 'd.createdAt', type: 'timestamp' },
  nextAttemptAt: { column: 'd.nextAttemptAt', type: 'timestamp' },
};

/** Attempts shown per delivery in the log (the latest ones). */
const ATTEMPTS_SHOWN = 20;

/** Failed deliveries made in [`since`, `until`) (a replay's window). */
interface FailedWindow {
  since: Date;
  until: Date;
}

/** A claimed delivery as the engine sends it. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  body: string;
  /** Attempts before this one. */
  attempts: number;
  /** The trace context of the event (W3C), when it belongs to a trace. */
  traceparent?: string | null;
}

/** How many of a subscription's oldest due deliveries a round claims, leased until `leaseEnd`. */
interface ClaimOrder {
  subscriptionId: string;
  n: number;
  leaseEnd: Date;
}

/** A batch of attempt log rows, column by column (what `unnest` takes). */
interface AttemptColumns {
  deliveryIds: string[];
  subscriptionIds: string[];
  attempts: number[];
  startedAt: Date[];
  statusCodes: (number | null)[];
  latenciesMs: number[];
  errors: (string | null)[];
  responseBodies: (string | null)[];
}

/** A batch of events, column by column; their audiences are matched in SQL. */
interface EventColumns {
  ids: string[];
  types: string[];
  times: string[];
  bodies: string[];
  entities: (string | null)[];
  databases: (string | null)[];
  traceparents: (string | null)[];
}

interface ClaimedRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  traceparent: string | null;
}

/**
 * Every query of `webhook_deliveries` and `webhook_attempts`: the delivery log and its manual
 * retries, tests and replays, and the sending engine's statements — set-based, one per batch, in
 * the caller's transaction (ADR 0025): keep them so.
 */
@Injectable()
export class DeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Newest first unless the caller sorts. */
  async list(subscriptionId: string, query: ListQuery): Promise<Page<DeliveryEntity>> {
    const qb = this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where('d.subscriptionId = :subscriptionId', { subscriptionId });
    const sorted = query.sort || query.order ? query : { ...query, sort: 'createdAt desc' };
    return paginate(qb, sorted, FIELDS);
  }

  async attemptsOf(deliveryIds: string[]): Promise<Map<string, AttemptEntity[]>> {
    const byDelivery = new Map<string, AttemptEntity[]>();
    if (deliveryIds.length === 0) return byDelivery;
    const rows = await this.dataSource
      .getRepository(AttemptEntity)
      .find({ where: { deliveryId: In(deliveryIds) }, order: { id: 'DESC' } });
    for (const row of rows) {
      const list = byDelivery.get(row.deliveryId) ?? [];
      if (list.length < ATTEMPTS_SHOWN) list.push(row);
      byDelivery.set(row.deliveryId, list);
    }
    return byDelivery;
  }

  find(subscriptionId: string, id: string): Promise<DeliveryEntity | null> {
    return this.dataSource.getRepository(DeliveryEntity).findOneBy({ id, subscriptionId });
  }

  async insert(delivery: Partial<DeliveryEntity>): Promise<void> {
    await this.dataSource.getRepository(DeliveryEntity).insert(delivery);
  }

  /**
   * Due again at `now`, same event id. A delivery in flight keeps its lease; it is simply due
   * again once that attempt is recorded.
   */
  async markDueAgain(subscriptionId: string, id: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'pending', completed_at = NULL,
              next_attempt_at = CASE WHEN leased_until > $3 THEN next_attempt_at ELSE $3 END
        WHERE id = $1 AND subscription_id = $2`,
      [id, subscriptionId, now],
    );
  }

  /**
   * The oldest `limit` failed deliveries of the window due again at `now` (rows another
   * transaction holds are skipped); how many.
   */
  async rescheduleFailed(
    subscriptionId: string,
    window: FailedWindow,
    now: Date,
    limit: number,
    manager: EntityManager,
  ): Promise<number> {
    const [rows] = (await manager.query(
      `UPDATE webhook_deliveries SET status = 'pending', completed_at = NULL, next_attempt_at = $4
        WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE subscription_id = $1 AND status = 'failed'
                        AND created_at >= $2 AND created_at < $3
                      ORDER BY created_at, id LIMIT $5
                      FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [subscriptionId, window.since, window.until, now, limit],
    )) as [{ id: string }[], number];
    return rows.length;
  }

  async anyFailed(
    subscriptionId: string,
    window: FailedWindow,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM webhook_deliveries
        WHERE subscription_id = $1 AND status = 'failed' AND created_at >= $2 AND created_at < $3
        LIMIT 1`,
      [subscriptionId, window.since, window.until],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * A round of the sending engine: one transaction, with no waiting for the WAL flush. A round
   * lost in a database crash loses only leases and outcomes, and either way the delivery is due
   * again and resent (at least once, as a crash of the worker between send and record already
   * makes it). The event intake (inbox) keeps synchronous commits: that is what acknowledges the
   * broker.
   */
  round<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL synchronous_commit = off');
      return work(m);
    });
  }

  /**
   * Calls `onAdded` when a transaction of this process that added deliveries commits (the feed
   * marks it, deliveries-added.ts): the worker starts a round at once instead of finding them at
   * its next poll (`WEBHOOKS_POLL_MS`), which was most of the event-to-delivery latency at a
   * steady rate. Other instances still find them by polling. (A NOTIFY per event would reach
   * them too, but serialises every intake commit.)
   */
  onCommitOfAdded(onAdded: () => void): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit(event: TransactionCommitEvent): void {
        const data = event.queryRunner.data as Record<string, unknown> | undefined;
        if (data?.[DELIVERIES_ADDED]) {
          data[DELIVERIES_ADDED] = false;
          onAdded();
        }
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }

  /** One statement for every order: the subscription's `n` oldest due deliveries, leased. */
  async claim(orders: ClaimOrder[], now: Date, manager: EntityManager): Promise<ClaimedDelivery[]> {
    const [rows] = (await manager.query(
      `UPDATE webhook_deliveries d SET next_attempt_at = c.lease_end, leased_until = c.lease_end
         FROM (SELECT x.id, q.lease_end
                 FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS q(subscription_id, n, lease_end)
                 CROSS JOIN LATERAL (
                   SELECT id FROM webhook_deliveries
                    WHERE subscription_id = q.subscription_id AND status = 'pending' AND next_attempt_at <= $4
                    ORDER BY next_attempt_at LIMIT q.n
                    FOR NO KEY UPDATE SKIP LOCKED) x) c
        WHERE d.id = c.id
        RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.body, d.attempts, d.traceparent`,
      [
        orders.map((o) => o.subscriptionId),
        orders.map((o) => o.n),
        orders.map((o) => o.leaseEnd),
        now,
      ],
    )) as [ClaimedRow[], number];
    return rows.map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      eventId: r.event_id,
      eventType: r.event_type,
      body: r.body,
      attempts: r.attempts,
      traceparent: r.traceparent,
    }));
  }

  /** The attempt log rows of a batch of outcomes, in one statement. */
  async logAttempts(rows: AttemptColumns, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO webhook_attempts (delivery_id, subscription_id, attempt, started_at, status_code, latency_ms, error, response_body)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::text[], $8::text[])`,
      [
        rows.deliveryIds,
        rows.subscriptionIds,
        rows.attempts,
        rows.startedAt,
        rows.statusCodes,
        rows.latenciesMs,
        rows.errors,
        rows.responseBodies,
      ],
    );
  }

  /** Succeeded, in one statement for the batch. */
  async markSucceeded(
    ids: string[],
    statusCodes: (number | undefined)[],
    completedAt: Date[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries d SET status = 'succeeded', attempts = d.attempts + 1, leased_until = NULL,
              last_status_code = u.code, last_error = NULL, completed_at = u.at
         FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS u(id, code, at)
        WHERE d.id = u.id AND d.status = 'pending'`,
      [ids, statusCodes, completedAt],
    );
  }

  /**
   * A failed attempt: due again at `retryAt`, or given up on (`failed`) when it is null (the
   * schedule is used up, or a 410).
   */
  async markFailed(
    id: string,
    failure: { statusCode: number | null; error: string | null },
    retryAt: Date | null,
    now: Date,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, leased_until = NULL, last_status_code = $2, last_error = $3,
              status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
              next_attempt_at = COALESCE($4::timestamptz, next_attempt_at),
              completed_at = CASE WHEN $4::timestamptz IS NULL THEN $5::timestamptz END
        WHERE id = $1 AND status = 'pending'`,
      [id, failure.statusCode, failure.error, retryAt, now],
    );
  }

  /**
   * One INSERT … SELECT for a batch of events: each matched with the active subscriptions of its
   * context (or every event, for platform-wide ones) whose types include the event's (or `*`);
   * the unique (subscription, event id) key makes a redelivered event add nothing. A
   * subscription's deliveries of one batch are due in the events' order (a microsecond apart).
   * How many were added.
   */
  async addForEvents(events: EventColumns, manager: EntityManager): Promise<number> {
    const added: unknown[] = await manager.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, event_time, body, status, next_attempt_at, traceparent)
       SELECT s.id, e.id, e.type, e.time, e.body, 'pending', now() + (e.n - 1) * interval '1 microsecond', e.traceparent
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[])
              WITH ORDINALITY AS e(id, type, time, body, entity, database, traceparent, n)
         JOIN webhook_subscriptions s
           ON s.status = 'active'
          AND s.actions && ARRAY[e.type, '*']::text[]
          AND (s.owner_all_contexts OR (s.owner_entity = e.entity AND s.owner_database = e.database))
        ORDER BY e.n
       ON CONFLICT (subscription_id, event_id) DO NOTHING
       RETURNING 1`,
      [
        events.ids,
        events.types,
        events.times,
        events.bodies,
        events.entities,
        events.databases,
        events.traceparents,
      ],
    );
    return added.length;
  }

  /** Deliveries not yet succeeded nor given up on (a gauge, read when scraped). */
  async countPending(): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(
      "SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'",
    );
    return row?.n ?? 0;
  }
}
