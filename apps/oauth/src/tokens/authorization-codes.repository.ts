import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionalRepository } from '../shared/transactional.repository';
import { AuthorizationCodeEntity } from './token.entities';

/** Every query of `oauth_authorization_codes` (codes are kept as digests). */
@Injectable()
export class AuthorizationCodesRepository extends TransactionalRepository {
  async insert(values: AuthorizationCodeEntity): Promise<void> {
    await this.dataSource.manager.insert(AuthorizationCodeEntity, values);
  }

  /** Locks the code's row: two redemptions of one code run one after the other. */
  findByHashForUpdate(
    codeHash: string,
    manager: EntityManager,
  ): Promise<AuthorizationCodeEntity | null> {
    return manager.findOne(AuthorizationCodeEntity, {
      where: { codeHash },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async update(
    codeHash: string,
    changes: Partial<AuthorizationCodeEntity>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(AuthorizationCodeEntity, { codeHash }, changes);
  }
}
