import { Inject, Injectable } from '@nestjs/common';
import type { ClientEntity } from '../client.entity';
import { ClientsRepository } from '../clients.repository';

/** Every client, for the admin API. */
@Injectable()
export class ListClientsUseCase {
  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

  execute(): Promise<ClientEntity[]> {
    return this.clients.list();
  }
}
