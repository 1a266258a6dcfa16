import { Inject, Injectable } from '@nestjs/common';
import type { ClientOwner } from '../../clients/client-owner';
import type { ClientEntity } from '../../clients/client.entity';
import { ClientsRepository } from '../../clients/clients.repository';

/** The clients the caller's context owns. */
@Injectable()
export class ListContextClientsUseCase {
  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

  execute(owner: ClientOwner): Promise<ClientEntity[]> {
    return this.clients.listOfOwner(owner);
  }
}
