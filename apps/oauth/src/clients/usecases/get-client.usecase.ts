import { Inject, Injectable } from '@nestjs/common';
import type { ClientEntity } from '../client.entity';
import { ClientsRepository } from '../clients.repository';
import { existingClient } from './existing-client';

/** One client, for the admin API; a 404 when there is none. */
@Injectable()
export class GetClientUseCase {
  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

  execute(id: string): Promise<ClientEntity> {
    return existingClient(this.clients, id);
  }
}
