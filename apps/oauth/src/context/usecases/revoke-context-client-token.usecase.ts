import { Inject, Injectable } from '@nestjs/common';
import type { ClientOwner } from '../../clients/client-owner';
import { ClientsRepository } from '../../clients/clients.repository';
import { RevokeClientTokenUseCase } from '../../clients/usecases/revoke-client-token.usecase';
import { ownedClient } from './owned-client';

/** Revokes a `000_*` client access token of a client of the caller's context. */
@Injectable()
export class RevokeContextClientTokenUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(RevokeClientTokenUseCase) private readonly revokeToken: RevokeClientTokenUseCase,
  ) {}

  async execute(owner: ClientOwner, id: string, tokenId: string): Promise<void> {
    await ownedClient(this.clients, owner, id);
    await this.revokeToken.execute(id, tokenId);
  }
}
