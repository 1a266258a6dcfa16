import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ClientEntity, ClientTokenEntity } from '../clients/client.entity';
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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TokenInspector) private readonly inspector: TokenInspector,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(TokenChain) private readonly chain: TokenChain,
  ) {}

  async revoke(caller: ClientEntity, token: string, hint?: string): Promise<void> {
    const found = await this.inspector.inspect(token, hint);
    if (found.kind === 'refresh' && mayManage(caller, found.row.clientId) && !found.row.revokedAt) {
      await this.db.transaction((m) => this.chain.revokeFamily(m, found.row.familyId, 'revoked by client'));
    }
    if (found.kind === 'access' && mayManage(caller, found.claims.client_id) && !found.revoked && !found.expired) {
      const { jti, exp } = found.claims;
      await this.db.transaction(async (m) => {
        await m.getRepository(ClientTokenEntity).update({ id: jti, revokedAt: IsNull() }, { revokedAt: new Date() });
        await this.revocations.revoke(m, { scope: 'token', jti, expiresAt: new Date(exp * 1000), reason: 'revoked by client' });
      });
    }
  }
}
