import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '@platform/http';
import { Revocations } from '../../tokens/revocations';
import { ClientTokensRepository } from '../client-tokens.repository';

/** Revokes one of a client's `000_*` access tokens; a 404 when the client has no such token. */
@Injectable()
export class RevokeClientTokenUseCase {
  constructor(
    @Inject(ClientTokensRepository) private readonly clientTokens: ClientTokensRepository,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(clientId: string, tokenId: string): Promise<void> {
    const row = await this.clientTokens.findOfClient(tokenId, clientId);
    if (!row) throw new NotFoundException(`token ${tokenId} not found`);
    await this.clientTokens.transaction(async (m) => {
      if (await this.clientTokens.revoke(tokenId, this.clock.now(), m)) {
        const { expiresAt } = row;
        const reason = 'client token revoked';
        await this.revocations.revoke({ scope: 'token', jti: tokenId, expiresAt, reason }, m);
      }
    });
  }
}
