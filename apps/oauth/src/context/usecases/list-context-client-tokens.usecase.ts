import { Inject, Injectable } from '@nestjs/common';
import type { ClientOwner } from '../../clients/client-owner';
import { ClientsRepository } from '../../clients/clients.repository';
import { ListClientTokensUseCase } from '../../clients/usecases/list-client-tokens.usecase';
import { ownedClient } from './owned-client';

/** The `000_*` client access tokens of a client of the caller's context. */
@Injectable()
export class ListContextClientTokensUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(ListClientTokensUseCase) private readonly listTokens: ListClientTokensUseCase,
  ) {}

  async execute(owner: ClientOwner, id: string): Promise<Record<string, unknown>[]> {
    await ownedClient(this.clients, owner, id);
    return this.listTokens.execute(id);
  }
}
