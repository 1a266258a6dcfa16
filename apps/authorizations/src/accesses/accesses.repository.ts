import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllowList, ListQuery, Page, paginate } from '@platform/http';
import { pgCode, UNIQUE_VIOLATION } from '../shared/db-errors';
import type { ContextScope } from '../shared/management-scope';
import { AccessEntity } from './access.entity';

/** Filter and sort fields of access lists (public name → column). */
export const ACCESS_FIELDS: AllowList = {
  id: { column: 'a.id', type: 'uuid' },
  user: { column: 'a.user', type: 'string' },
  name: { column: 'a.user', type: 'string' },
  admin: { column: 'a.admin', type: 'boolean' },
  role: { column: 'a.role', type: 'string' },
  entity: { column: 'a.entity', type: 'string' },
  database: { column: 'a.database', type: 'string' },
  grantedBy: { column: 'a.grantedBy', type: 'string' },
  createdAt: { column: 'a.createdAt', type: 'timestamp' },
  lastActivityAt: { column: 'a.lastActivityAt', type: 'timestamp' },
};

@Injectable()
export class AccessesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccessEntity | null> {
    return manager.findOne(AccessEntity, { where: { id } });
  }

  findActive(
    manager: EntityManager,
    user: string,
    entity: string,
    database: string,
  ): Promise<AccessEntity | null> {
    return manager.findOne(AccessEntity, { where: { user, entity, database, active: true } });
  }

  /** Live accesses of one user, in any context (`@me/access`). */
  ofUser(user: string, query: ListQuery): Promise<Page<AccessEntity>> {
    const qb = this.dataSource.getRepository(AccessEntity).createQueryBuilder('a');
    qb.where('a.user = :user AND a.active', { user });
    return paginate(qb, query, ACCESS_FIELDS);
  }

  /** Live accesses of one context, or of every context for a platform admin without one. */
  inScope(scope: ContextScope, query: ListQuery): Promise<Page<AccessEntity>> {
    const qb = this.dataSource
      .getRepository(AccessEntity)
      .createQueryBuilder('a')
      .where('a.active');
    if (scope.kind === 'context')
      qb.andWhere('a.entity = :e AND a.database = :d', { e: scope.entity, d: scope.database });
    return paginate(qb, query, ACCESS_FIELDS);
  }

  async insert(manager: EntityManager, values: Partial<AccessEntity>): Promise<AccessEntity> {
    try {
      const { identifiers } = await manager.insert(AccessEntity, values);
      return manager.findOneOrFail(AccessEntity, { where: { id: String(identifiers[0]?.['id']) } });
    } catch (e) {
      if (pgCode(e) === UNIQUE_VIOLATION)
        throw new ConflictException('the user already has access to this context');
      throw e;
    }
  }

  async deactivate(manager: EntityManager, id: string, by: string): Promise<AccessEntity> {
    await manager.update(AccessEntity, { id }, { active: false, revokedBy: by });
    return manager.findOneOrFail(AccessEntity, { where: { id } });
  }
}
