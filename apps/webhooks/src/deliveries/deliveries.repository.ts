import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { paginate, type AllowList, type ListQuery, type Page } from '@platform/http';
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
export interface FailedWindow {
  since: Date;
  until: Date;
}

/** The queries of the delivery log and of its manual retries, tests and replays. */
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
}
