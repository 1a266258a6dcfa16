import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionalRepository } from '../shared/transactional.repository';
import { CustomerEntity, SsoIdentifierEntity, SsoKeyEntity } from './customer.entities';

/** Every query of the customer aggregate: customers, their identifier mappings and SSO keys. */
@Injectable()
export class CustomersRepository extends TransactionalRepository {
  async insert(values: Omit<CustomerEntity, 'createdAt'>, manager: EntityManager): Promise<void> {
    await manager.insert(CustomerEntity, values);
  }

  list(): Promise<CustomerEntity[]> {
    return this.dataSource.manager.find(CustomerEntity, { order: { createdAt: 'ASC' } });
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(CustomerEntity, { id });
  }

  findById(id: string): Promise<CustomerEntity | null> {
    return this.dataSource.manager.findOneBy(CustomerEntity, { id });
  }

  findIdentifier(
    key: { clientApplicationId: string; identifier: string; customerId?: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SsoIdentifierEntity | null> {
    return manager.findOneBy(SsoIdentifierEntity, key);
  }

  async insertIdentifier(
    values: Omit<SsoIdentifierEntity, 'createdAt'>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.insert(SsoIdentifierEntity, values);
  }

  async insertSsoKey(values: SsoKeyEntity, manager: EntityManager): Promise<void> {
    await manager.insert(SsoKeyEntity, values);
  }

  /** Spends the key atomically; its user when it was unused and not expired. */
  async spendSsoKey(keyHash: string, manager: EntityManager): Promise<string | undefined> {
    const rows: { user_id: string }[][] | { user_id: string }[] = await manager.query(
      `UPDATE oauth_sso_keys SET used_at = now()
        WHERE key_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [keyHash],
    );
    // TypeORM's postgres driver answers an UPDATE … RETURNING with [rows, count].
    const list = Array.isArray(rows[0])
      ? (rows[0] as { user_id: string }[])
      : (rows as { user_id: string }[]);
    return list[0]?.user_id;
  }
}
