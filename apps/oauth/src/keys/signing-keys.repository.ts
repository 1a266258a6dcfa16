import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { TransactionalRepository } from '../shared/transactional.repository';
import { SigningKeyEntity } from './signing-key.entity';

/** Every query of `oauth_signing_keys`. */
@Injectable()
export class SigningKeysRepository extends TransactionalRepository {
  findCurrent(manager: EntityManager = this.dataSource.manager): Promise<SigningKeyEntity | null> {
    return manager.findOneBy(SigningKeyEntity, { status: 'current' });
  }

  /** The keys of the JWKS (current and previous), newest first. */
  listPublished(): Promise<SigningKeyEntity[]> {
    return this.dataSource.manager.find(SigningKeyEntity, {
      where: { status: In(['current', 'previous']) },
      order: { createdAt: 'DESC' },
    });
  }

  /**
   * Serializes rotations for the rest of the transaction (the partial unique index would refuse
   * a concurrent loser anyway).
   */
  lockRotationForUpdate(manager: EntityManager): Promise<void> {
    return this.lockNamedForUpdate('oauth.signing-keys', manager);
  }

  /** current → previous, previous → retired: room for a new current key. */
  async demoteAll(manager: EntityManager): Promise<void> {
    await manager.update(SigningKeyEntity, { status: 'previous' }, { status: 'retired' });
    await manager.update(SigningKeyEntity, { status: 'current' }, { status: 'previous' });
  }

  async insert(values: Omit<SigningKeyEntity, 'createdAt'>, manager: EntityManager): Promise<void> {
    await manager.insert(SigningKeyEntity, values);
  }
}
