import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllowList, ListQuery, Page, paginate } from '@platform/http';
import { UserEntity } from './user.entity';
import { isUniqueViolation } from '@platform/persistence';

/** Filter and sort fields of `GET /usuarios/v0.1/api/usuarios` (public name → column). */
export const USER_FIELDS: AllowList = {
  id: { column: 'u.id', type: 'string' },
  name: { column: 'u.name', type: 'string' },
  email: { column: 'u.email', type: 'string' },
  status: { column: 'u.status', type: 'string' },
  platformAdmin: { column: 'u.platformAdmin', type: 'boolean' },
  createdAt: { column: 'u.createdAt', type: 'timestamp' },
  updatedAt: { column: 'u.updatedAt', type: 'timestamp' },
};

export class UserAlreadyExists extends Error {}

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id } });
  }

  /** Locks the row for the rest of the transaction, so concurrent updates apply one after another. */
  findForUpdate(id: string, manager: EntityManager): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The user with its password hash, which every other read leaves out. */
  findWithCredentials(id: string): Promise<UserEntity | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
  }

  /**
   * Keyset page of the disabled users by id in byte order ("C" collation), so pages neither skip
   * nor repeat a user (the gateway's snapshot, ADR 0013).
   */
  async disabledPage(after: string, limit: number): Promise<{ id: string; disabledAt: Date }[]> {
    const rows: { id: string; disabled_at: Date }[] = await this.dataSource.query(
      `SELECT id, COALESCE(disabled_at, updated_at) AS disabled_at
         FROM users
        WHERE status = 'disabled' AND id COLLATE "C" > $1
        ORDER BY id COLLATE "C"
        LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => ({ id: r.id, disabledAt: r.disabled_at }));
  }

  list(query: ListQuery): Promise<Page<UserEntity>> {
    return paginate(
      this.dataSource.getRepository(UserEntity).createQueryBuilder('u'),
      query,
      USER_FIELDS,
    );
  }

  async insert(user: Partial<UserEntity>, manager: EntityManager): Promise<UserEntity> {
    try {
      await manager.insert(UserEntity, user);
    } catch (e) {
      if (isUniqueViolation(e)) throw new UserAlreadyExists(user.id);
      throw e;
    }
    return (await this.findById(user.id as string, manager)) as UserEntity;
  }

  async update(
    id: string,
    changes: Partial<UserEntity>,
    manager: EntityManager,
  ): Promise<UserEntity> {
    await manager.update(UserEntity, { id }, changes);
    return (await this.findById(id, manager)) as UserEntity;
  }
}
