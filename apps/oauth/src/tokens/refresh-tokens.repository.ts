import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { TransactionalRepository } from '../shared/transactional.repository';
import { RefreshTokenEntity } from './token.entities';

/** Every query of `oauth_refresh_tokens` (tokens are kept as digests; a family is one grant). */
@Injectable()
export class RefreshTokensRepository extends TransactionalRepository {
  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.dataSource.manager.findOneBy(RefreshTokenEntity, { tokenHash });
  }

  /** Locks the token's row: two uses of one refresh token run one after the other. */
  findByHashForUpdate(
    tokenHash: string,
    manager: EntityManager,
  ): Promise<RefreshTokenEntity | null> {
    return manager.findOne(RefreshTokenEntity, {
      where: { tokenHash },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async insert(
    values: Omit<RefreshTokenEntity, 'createdAt'>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.insert(RefreshTokenEntity, values);
  }

  async markUsed(tokenHash: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(RefreshTokenEntity, { tokenHash }, { usedAt: at });
  }

  listOfFamily(familyId: string, manager: EntityManager): Promise<RefreshTokenEntity[]> {
    return manager.find(RefreshTokenEntity, { where: { familyId } });
  }

  /** The families still live that a sign-in (its `sid`) began. */
  async liveFamiliesOfSid(sid: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.find(RefreshTokenEntity, {
      select: { familyId: true },
      where: { sid, revokedAt: IsNull() },
    });
    return [...new Set(rows.map((r) => r.familyId))];
  }

  async revokeFamily(familyId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeAllOfUser(userId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(RefreshTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeAllOfClient(clientId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(RefreshTokenEntity, { clientId }, { revokedAt: at });
  }
}
