import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { TransactionalRepository } from '../shared/transactional.repository';
import { ClientTokenEntity } from './client.entity';

/** Every query of `oauth_client_tokens` (`000_*` client access tokens). */
@Injectable()
export class ClientTokensRepository extends TransactionalRepository {
  listOfClient(clientId: string): Promise<ClientTokenEntity[]> {
    return this.dataSource.manager.find(ClientTokenEntity, {
      where: { clientId },
      order: { createdAt: 'ASC' },
    });
  }

  findOfClient(id: string, clientId: string): Promise<ClientTokenEntity | null> {
    return this.dataSource.manager.findOneBy(ClientTokenEntity, { id, clientId });
  }

  async insert(
    values: ClientTokenEntity | Omit<ClientTokenEntity, 'createdAt'>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.insert(ClientTokenEntity, values);
  }

  /** Marks the token revoked at `at` unless it already was; true when this call revoked it. */
  async revoke(id: string, at: Date, manager: EntityManager): Promise<boolean> {
    const { affected } = await manager.update(
      ClientTokenEntity,
      { id, revokedAt: IsNull() },
      { revokedAt: at },
    );
    return Boolean(affected);
  }
}
