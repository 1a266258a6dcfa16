import { Inject, Injectable } from '@nestjs/common';
import type { ClientOwner } from '../../clients/client-owner';
import type { ClientEntity } from '../../clients/client.entity';
import { ClientsRepository } from '../../clients/clients.repository';
import { ownedClient } from './owned-client';

/** One client of the caller's context; another context's client is a 404. */
@Injectable()
export class GetContextClientUseCase {
  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

  execute(owner: ClientOwner, id: string): Promise<ClientEntity> {
    return ownedClient(this.clients, owner, id);
  }
}
