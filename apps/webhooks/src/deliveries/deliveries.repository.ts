import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
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

@Injectable()
export class DeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

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

  async get(subscriptionId: string, id: string): Promise<DeliveryEntity> {
    const found = await this.dataSource
      .getRepository(DeliveryEntity)
      .findOneBy({ id, subscriptionId });
    if (!found) throw new NotFoundException(`delivery '${id}' not found`);
    return found;
  }
}
