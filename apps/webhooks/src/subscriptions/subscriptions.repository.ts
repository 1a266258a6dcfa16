import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import { paginate, type AllowList, type ListQuery, type Page } from '@platform/http';
import type { OwnerScope } from './owner-scope';
import { SubscriptionEntity } from './subscription.entity';

const FIELDS: AllowList = {
  id: { column: 's.id', type: 'uuid' },
  /** The types as one text (`a,b`): `action = 'x'` finds the subscriptions of exactly type x. */
  action: { column: "array_to_string(s.actions, ',')", type: 'string', sortable: false },
  status: { column: 's.status', type: 'string' },
  postbackUrl: { column: 's.postbackUrl', type: 'string' },
  techOwnerName: { column: 's.techOwnerName', type: 'string' },
  techOwnerEmail: { column: 's.techOwnerEmail', type: 'string' },
  createdAt: { column: 's.createdAt', type: 'timestamp' },
  updatedAt: { column: 's.updatedAt', type: 'timestamp' },
};

@Injectable()
export class SubscriptionsRepository {
  private readonly repo: Repository<SubscriptionEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(SubscriptionEntity);
  }

  list(scope: OwnerScope, query: ListQuery): Promise<Page<SubscriptionEntity>> {
    return paginate(this.scoped(this.repo.createQueryBuilder('s'), scope), query, FIELDS);
  }

  /** The subscription if the caller's scope owns it; 404 otherwise (never reveal others' ids). */
  async get(scope: OwnerScope, id: string, manager?: EntityManager): Promise<SubscriptionEntity> {
    const qb = (manager ?? this.repo.manager)
      .getRepository(SubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.id = :id', { id });
    if (manager) qb.setLock('pessimistic_write');
    const found = await this.scoped(qb, scope).getOne();
    if (!found) throw new NotFoundException(`webhook '${id}' not found`);
    return found;
  }

  private scoped(
    qb: SelectQueryBuilder<SubscriptionEntity>,
    scope: OwnerScope,
  ): SelectQueryBuilder<SubscriptionEntity> {
    return scope.kind === 'platform'
      ? qb.andWhere('s.ownerEntity IS NULL')
      : qb.andWhere('s.ownerEntity = :entity AND s.ownerDatabase = :database', {
          entity: scope.entity,
          database: scope.database,
        });
  }
}
