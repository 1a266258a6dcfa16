import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InvalidGrant, InvalidRequest, UnauthorizedClient } from '../../errors/oauth-errors';
import { digest } from '../../shared/crypto';
import { parseScopes } from '../../shared/scopes';
import { UsersDirectory } from '../../users-client/users-directory';
import { scopesStillGranted } from '../scope-policy';
import { TokenChain } from '../token-chain';
import { TokenIssuer } from '../token-issuer';
import { RefreshTokenEntity } from '../token.entities';
import {
  activeUser,
  assertGrantAllowed,
  field,
  GrantContext,
  GrantHandler,
  GrantResult,
  refreshEnabled,
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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(TokenChain) private readonly chain: TokenChain,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
  ) {}

  async handle(ctx: GrantContext): Promise<GrantResult> {
    assertGrantAllowed(ctx.client, this.type);
    if (!refreshEnabled(ctx.client))
      throw new UnauthorizedClient('Refresh tokens are turned off for this client.');
    const token = field(ctx.body, 'refresh_token');
    if (!token) throw new InvalidRequest('refresh_token is required.');
    const outcome = await this.db.transaction((m) => this.rotate(m, ctx, token));
    if (outcome instanceof InvalidGrant) throw outcome; // after commit: the family revocation sticks
    return outcome;
  }

  private async rotate(
    m: EntityManager,
    ctx: GrantContext,
    token: string,
  ): Promise<GrantResult | InvalidGrant> {
    const repo = m.getRepository(RefreshTokenEntity);
    const row = await repo.findOne({
      where: { tokenHash: digest(token) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row || row.clientId !== ctx.client.id)
      return new InvalidGrant('The refresh token is invalid.');
    if (row.revokedAt) return new InvalidGrant('The refresh token was revoked.');
    if (row.usedAt) {
      await this.chain.revokeFamily(m, row.familyId, 'refresh token replayed');
      return new InvalidGrant('The refresh token was already used; its chain is revoked.');
    }
    if (row.expiresAt.getTime() < Date.now())
      return new InvalidGrant('The refresh token has expired.');
    const user = row.userId ? await activeUser(this.users, row.userId, ctx.requestId) : undefined;
    const asked = parseScopes(field(ctx.body, 'scope'), field(ctx.body, 'scopes'));
    const scope = scopesStillGranted(row.scope.split(' ').filter(Boolean), asked, ctx.client, user);
    await repo.update({ tokenHash: row.tokenHash }, { usedAt: new Date() });
    const issued = await this.issuer.issue(
      {
        client: ctx.client,
        userId: row.userId ?? undefined,
        scope,
        grantType: this.type,
        ip: ctx.ip,
        refresh: true,
        familyId: row.familyId,
        entitlements: user?.permissions,
        requestId: ctx.requestId,
        // OIDC Core §12.2: the same sign-in (`auth_time`, `sid`) as the first ID token, no nonce.
        signIn: row.authTime && row.sid ? { authTime: row.authTime, sid: row.sid } : undefined,
      },
      m,
    );
    return { issued, userId: row.userId ?? undefined };
  }
}
