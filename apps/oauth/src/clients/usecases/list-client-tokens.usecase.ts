import { Inject, Injectable } from '@nestjs/common';
import { ClientTokensRepository } from '../client-tokens.repository';
import { ClientsRepository } from '../clients.repository';
import { existingClient } from './existing-client';

/** A client's `000_*` access tokens (never the tokens themselves); a 404 for an unknown client. */
@Injectable()
export class ListClientTokensUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(ClientTokensRepository) private readonly clientTokens: ClientTokensRepository,
  ) {}

  async execute(clientId: string): Promise<Record<string, unknown>[]> {
    await existingClient(this.clients, clientId);
    const rows = await this.clientTokens.listOfClient(clientId);
    return rows.map((r) => ({
      id: r.id,
      scope: r.scope,
      endpoints: r.endpoints,
      description: r.description,
      created_at: r.createdAt,
      expires_at: r.expiresAt,
      revoked_at: r.revokedAt,
    }));
  }
}
