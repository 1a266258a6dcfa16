import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@platform/http';
import type { ClientEntity } from '../clients/client.entity';
import { ClientTokensRepository } from '../clients/client-tokens.repository';
import { PLATFORM_ADMIN } from '../shared/scopes';
import { Revocations } from './revocations';
import { TokenChain } from './token-chain';
import { TokenInspector } from './token-inspector';

/** May this client see or end this token? Its owner, or an administrator client. */
export const mayManage = (caller: ClientEntity, ownerClientId: string): boolean =>
  caller.id === ownerClientId || caller.scopes.includes(PLATFORM_ADMIN);

/**
 * RFC 7009. Unknown, expired and foreign tokens are answered 200 like any other (§2.2: the client
 * cannot tell them apart, so revocation discloses nothing). A refresh token ends its family, and
 * with it the access tokens of that grant (§2.1).
 */
@Injectable()
export class TokenRevoker {
  constructor(
    @Inject(ClientTokensRepository) private readonly clientTokens: ClientTokensRepository,
    @Inject(TokenInspector) private readonly inspector: TokenInspector,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(TokenChain) private readonly chain: TokenChain,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async revoke(caller: ClientEntity, token: string, hint?: string): Promise<void> {
    const found = await this.inspector.inspect(token, hint);
    if (found.kind === 'refresh' && mayManage(caller, found.row.clientId) && !found.row.revokedAt) {
      const { familyId } = found.row;
      await this.clientTokens.transaction((m) =>
        this.chain.revokeFamily(familyId, 'revoked by client', m),
      );
    }
    if (
      found.kind === 'access' &&
      mayManage(caller, found.claims.client_id) &&
      !found.revoked &&
      !found.expired
    ) {
      const { jti, exp } = found.claims;
      await this.clientTokens.transaction(async (m) => {
        await this.clientTokens.revoke(jti, this.clock.now(), m);
        const expiresAt = new Date(exp * 1000);
        await this.revocations.revoke(
          { scope: 'token', jti, expiresAt, reason: 'revoked by client' },
          m,
        );
      });
    }
  }
}
