import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllowList, ListQuery, Page, paginate } from '@platform/http';
import type { ContextScope } from '../shared/management-scope';
import { AccessRequestEntity } from './access-request.entity';
import { isUniqueViolation } from '@platform/persistence';

/**
 * Filter and sort fields of request lists. `name` is the requester, so the seed's
 * `order=name asc` works.
 */
export const REQUEST_FIELDS: AllowList = {
  id: { column: 'r.id', type: 'uuid' },
  user: { column: 'r.user', type: 'string' },
  name: { column: 'r.user', type: 'string' },
  status: { column: 'r.status', type: 'string' },
  message: { column: 'r.message', type: 'string' },
  entity: { column: 'r.entity', type: 'string' },
  database: { column: 'r.database', type: 'string' },
  createdAt: { column: 'r.createdAt', type: 'timestamp' },
};

@Injectable()
export class RequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findForUpdate(id: string, manager: EntityManager): Promise<AccessRequestEntity | null> {
    return manager.findOne(AccessRequestEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  inScope(scope: ContextScope, query: ListQuery): Promise<Page<AccessRequestEntity>> {
    const qb = this.dataSource.getRepository(AccessRequestEntity).createQueryBuilder('r');
    if (scope.kind === 'context')
      qb.where('r.entity = :e AND r.database = :d', { e: scope.entity, d: scope.database });
    return paginate(qb, query, REQUEST_FIELDS);
  }

  async insert(
    values: Partial<AccessRequestEntity>,
    manager: EntityManager,
  ): Promise<AccessRequestEntity> {
    try {
      const { identifiers } = await manager.insert(AccessRequestEntity, values);
      return manager.findOneOrFail(AccessRequestEntity, {
        where: { id: String(identifiers[0]?.['id']) },
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ConflictException('you already asked for access to this context');
      throw e;
    }
  }

  async update(
    id: string,
    changes: Partial<AccessRequestEntity>,
    manager: EntityManager,
  ): Promise<AccessRequestEntity> {
    await manager.update(AccessRequestEntity, { id }, changes);
    return manager.findOneOrFail(AccessRequestEntity, { where: { id } });
  }
}
