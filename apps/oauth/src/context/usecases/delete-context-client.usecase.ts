import { Inject, Injectable } from '@nestjs/common';
import { ClientsRepository } from '../../clients/clients.repository';
import { DeleteClientUseCase } from '../../clients/usecases/delete-client.usecase';
import type { ContextAdmin } from '../context-admin';
import { ownedClient } from './owned-client';

/** Deletes a client of the caller's context; its tokens are revoked. */
@Injectable()
export class DeleteContextClientUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(DeleteClientUseCase) private readonly deleteClient: DeleteClientUseCase,
  ) {}

  async execute(caller: ContextAdmin, id: string): Promise<void> {
    await ownedClient(this.clients, caller.owner, id);
    await this.deleteClient.execute(id, caller.actor);
  }
}
