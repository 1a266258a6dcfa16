import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllowList, ListQuery, Page, paginate } from '@platform/http';
import type { ContextScope } from '../shared/management-scope';
import { AccessEntity } from './access.entity';
import { isUniqueViolation } from '@platform/persistence';

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

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

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

  /** An active access by id: the management scope re-reads the caller's access with it. */
  findActiveById(id: string): Promise<AccessEntity | null> {
    return this.dataSource.manager.findOne(AccessEntity, { where: { id, active: true } });
  }

  /** Locks an active access for the rest of the transaction (revocations apply one at a time). */
  findActiveForUpdate(id: string, manager: EntityManager): Promise<AccessEntity | null> {
    return manager.findOne(AccessEntity, {
      where: { id, active: true },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findActive(
    user: string,
    entity: string,
    database: string,
    manager: EntityManager = this.dataSource.manager,
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

  async insert(values: Partial<AccessEntity>, manager: EntityManager): Promise<AccessEntity> {
    try {
      const { identifiers } = await manager.insert(AccessEntity, values);
      return manager.findOneOrFail(AccessEntity, { where: { id: String(identifiers[0]?.['id']) } });
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ConflictException('the user already has access to this context');
      throw e;
    }
  }

  async deactivate(id: string, by: string, manager: EntityManager): Promise<AccessEntity> {
    await manager.update(AccessEntity, { id }, { active: false, revokedBy: by });
    return manager.findOneOrFail(AccessEntity, { where: { id } });
  }

  /** Keyset page of every access, active or revoked, by id (the gateway's snapshot). */
  pageById(after: string | undefined, limit: number): Promise<AccessEntity[]> {
    return this.dataSource
      .getRepository(AccessEntity)
      .createQueryBuilder('a')
      .where('a.id > :after', { after: after ?? NIL_UUID })
      .orderBy('a.id')
      .limit(limit)
      .getMany();
  }

  /**
   * Notes uses of accesses in one statement however many it names. A later use never goes back
   * in time (GREATEST), whatever order batches arrive in; `updated_at` is left alone, since a use
   * is not a change of the access. Ids that are not accesses of ours match nothing.
   */
  async recordUses(uses: { id: string; at: string }[], manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE accesses a
          SET last_activity_at = GREATEST(a.last_activity_at, u.at)
         FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
        WHERE a.id = u.id`,
      [uses.map((u) => u.id), uses.map((u) => u.at)],
    );
  }
}
