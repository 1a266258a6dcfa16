import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InvalidGrant, InvalidRequest, InvalidScope } from '../../errors/oauth-errors';
import { digest } from '../../shared/crypto';
import { parseScopes } from '../../shared/scopes';
import { TokenChain } from '../token-chain';
import { TokenIssuer } from '../token-issuer';
import { RefreshTokenEntity } from '../token.entities';
import { assertGrantAllowed, field, GrantContext, GrantHandler, GrantResult } from './grant';

/**
 * RFC 6749 §6 with rotation on every use (RFC 9700 §4.14.2): the presented token is spent and a
 * new one of the same family comes back; presenting a spent one revokes the whole family.
 */
@Injectable()
export class RefreshTokenGrant implements GrantHandler {
  readonly type = 'refresh_token' as const;
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(TokenChain) private readonly chain: TokenChain,
  ) {}

  async handle(ctx: GrantContext): Promise<GrantResult> {
    assertGrantAllowed(ctx.client, this.type);
    const token = field(ctx.body, 'refresh_token');
    if (!token) throw new InvalidRequest('refresh_token is required.');
    const outcome = await this.db.transaction((m) => this.rotate(m, ctx, token));
    if (outcome instanceof InvalidGrant) throw outcome; // after commit: the family revocation sticks
    return outcome;
  }

  private async rotate(m: EntityManager, ctx: GrantContext, token: string): Promise<GrantResult | InvalidGrant> {
    const repo = m.getRepository(RefreshTokenEntity);
    const row = await repo.findOne({ where: { tokenHash: digest(token) }, lock: { mode: 'pessimistic_write' } });
    if (!row || row.clientId !== ctx.client.id) return new InvalidGrant('The refresh token is invalid.');
    if (row.revokedAt) return new InvalidGrant('The refresh token was revoked.');
    if (row.usedAt) {
      await this.chain.revokeFamily(m, row.familyId, 'refresh token replayed');
      return new InvalidGrant('The refresh token was already used; its chain is revoked.');
    }
    if (row.expiresAt.getTime() < Date.now()) return new InvalidGrant('The refresh token has expired.');
    const original = row.scope.split(' ').filter(Boolean);
    const asked = parseScopes(field(ctx.body, 'scope'), field(ctx.body, 'scopes'));
    const beyond = (asked ?? []).filter((s) => !original.includes(s));
    if (beyond.length > 0) throw new InvalidScope(`Beyond the original grant: ${beyond.join(' ')}`);
    await repo.update({ tokenHash: row.tokenHash }, { usedAt: new Date() });
    const issued = await this.issuer.issue(
      {
        client: ctx.client,
        userId: row.userId ?? undefined,
        scope: asked ?? original,
        grantType: this.type,
        ip: ctx.ip,
        refresh: true,
        familyId: row.familyId,
        requestId: ctx.requestId,
      },
      m,
    );
    return { issued, userId: row.userId ?? undefined };
  }
}
