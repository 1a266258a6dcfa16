import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@platform/http';
import { InvalidGrant, InvalidRequest, UnauthorizedClient } from '../../errors/oauth-errors';
import { digest } from '../../shared/crypto';
import { parseScopes } from '../../shared/scopes';
import { UsersDirectory } from '../../users-client/users-directory';
import { RefreshTokensRepository } from '../refresh-tokens.repository';
import { TokenChain } from '../token-chain';
import { TokenIssuer } from '../token-issuer';
import {
  assertGrantAllowed,
  field,
  GrantContext,
  GrantHandler,
  GrantResult,
  issueRequest,
  redeemInTransaction,
  refreshEnabled,
  stillGranted,
} from './grant';

/**
 * RFC 6749 §6 with rotation on every use (RFC 9700 §4.14.2): the presented token is spent and a
 * new one of the same family comes back; presenting a spent one revokes the whole family. What
 * it mints is checked against now, not against the day of the grant: the client must still
 * enable refresh tokens, the user must still be active, and the scopes are narrowed to what the
 * client (and, for platform.admin, the user) holds now.
 */
@Injectable()
export class RefreshTokenGrant implements GrantHandler {
  readonly type = 'refresh_token' as const;
  constructor(
    @Inject(RefreshTokensRepository) private readonly refreshTokens: RefreshTokensRepository,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(TokenChain) private readonly chain: TokenChain,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async handle(ctx: GrantContext): Promise<GrantResult> {
    assertGrantAllowed(ctx.client, this.type);
    if (!refreshEnabled(ctx.client))
      throw new UnauthorizedClient('Refresh tokens are turned off for this client.');
    const token = field(ctx.body, 'refresh_token');
    if (!token) throw new InvalidRequest('refresh_token is required.');
    return redeemInTransaction(
      (work) => this.refreshTokens.transaction(work),
      (m) => this.rotate(ctx, token, m),
    );
  }

  private async rotate(
    ctx: GrantContext,
    token: string,
    m: EntityManager,
  ): Promise<GrantResult | InvalidGrant> {
    const row = await this.refreshTokens.findByHashForUpdate(digest(token), m);
    if (!row || row.clientId !== ctx.client.id)
      return new InvalidGrant('The refresh token is invalid.');
    if (row.revokedAt) return new InvalidGrant('The refresh token was revoked.');
    if (row.usedAt) {
      await this.chain.revokeFamily(row.familyId, 'refresh token replayed', m);
      return new InvalidGrant('The refresh token was already used; its chain is revoked.');
    }
    const now = this.clock.now();
    if (row.expiresAt.getTime() < now.getTime())
      return new InvalidGrant('The refresh token has expired.');
    const asked = parseScopes(field(ctx.body, 'scope'), field(ctx.body, 'scopes'));
    const { user, scope } = await stillGranted(this.users, ctx, row, asked);
    await this.refreshTokens.markUsed(row.tokenHash, now, m);
    const userId = row.userId ?? undefined;
    // OIDC Core §12.2: the same sign-in (`auth_time`, `sid`) as the first ID token, no nonce.
    const signIn = row.authTime && row.sid ? { authTime: row.authTime, sid: row.sid } : undefined;
    const issued = await this.issuer.issue(
      issueRequest(
        ctx,
        this.type,
        { userId, user, scope },
        { refresh: true, familyId: row.familyId, signIn },
      ),
      m,
    );
    return { issued, userId };
  }
}
