import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import { TransactionalRepository } from '../shared/transactional.repository';
import { SessionEntity } from './session.entities';

/** Every query of `oauth_sessions` (session ids are kept as digests). */
@Injectable()
export class SessionsRepository extends TransactionalRepository {
  async insert(
    values: Omit<SessionEntity, 'createdAt'>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(SessionEntity, values);
  }

  /** The session when it is neither ended nor expired at `now`. */
  findLive(idHash: string, now: Date): Promise<SessionEntity | null> {
    return this.dataSource.manager.findOneBy(SessionEntity, {
      idHash,
      endedAt: IsNull(),
      expiresAt: MoreThan(now),
    });
  }

  /** Locks the session's row (not ended): two sign-outs of one session run one after the other. */
  findOpenForUpdate(idHash: string, manager: EntityManager): Promise<SessionEntity | null> {
    return manager.findOne(SessionEntity, {
      where: { idHash, endedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async end(idHash: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(SessionEntity, { idHash }, { endedAt: at });
  }

  async endAllOfUser(userId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(SessionEntity, { userId, endedAt: IsNull() }, { endedAt: at });
  }
}
