import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { SessionEntity } from './session.entity';

/** Every query of the portal_sessions table (the session aggregate, ADR 0015). */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Inserts a session; the returned entity carries what the database generated (createdAt). */
  async insert(
    values: Partial<SessionEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionEntity> {
    const repo = manager.getRepository(SessionEntity);
    const session = repo.create(values);
    await repo.insert(session);
    return session;
  }

  findByDigest(
    idDigest: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionEntity | null> {
    return manager.getRepository(SessionEntity).findOneBy({ idDigest });
  }

  /** Locks the row so two requests of one session never refresh its tokens at the same time. */
  findForUpdate(idDigest: string, manager: EntityManager): Promise<SessionEntity | null> {
    return manager
      .getRepository(SessionEntity)
      .findOne({ where: { idDigest }, lock: { mode: 'pessimistic_write' } });
  }

  async update(
    idDigest: string,
    changes: Partial<SessionEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.getRepository(SessionEntity).update({ idDigest }, changes);
  }

  async delete(idDigest: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(SessionEntity).delete({ idDigest });
  }

  /** Removes the sessions that expired before `now`. */
  async deleteExpired(now: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(SessionEntity).delete({ expiresAt: LessThan(now) });
  }
}
