import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@platform/http';
import { OauthEnv } from '../config';
import { digest } from '../shared/crypto';
import { AccessTokenClaims, AccessTokens } from './access-token';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { Revocations } from './revocations';
import { RefreshTokenEntity } from './token.entities';

export type Inspected =
  | { kind: 'access'; claims: AccessTokenClaims; expired: boolean; revoked: boolean }
  | { kind: 'refresh'; row: RefreshTokenEntity; active: boolean }
  | { kind: 'unknown' };

/** Finds out what a presented token is: one of our JWTs (and whether it still holds) or a refresh token. */
@Injectable()
export class TokenInspector {
  constructor(
    @Inject(RefreshTokensRepository) private readonly refreshTokens: RefreshTokensRepository,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async inspect(token: string, hint?: string): Promise<Inspected> {
    const order =
      hint === 'refresh_token' ? [this.refresh, this.access] : [this.access, this.refresh];
    for (const look of order) {
      const found = await look.call(this, token);
      if (found) return found;
    }
    return { kind: 'unknown' };
  }

  /** RFC 7662 §2.2 response for an access token. */
  introspection(i: Inspected): Record<string, unknown> {
    if (i.kind === 'access' && !i.expired && !i.revoked) {
      const c = i.claims;
      return {
        active: true,
        scope: c.scope,
        client_id: c.client_id,
        sub: c.sub,
        ...(c.sub !== c.client_id ? { username: c.sub } : {}),
        token_type: 'Bearer',
        exp: c.exp,
        iat: Math.floor(c.iat),
        iss: this.env.issuer,
        aud: c.aud,
        jti: c.jti,
      };
    }
    if (i.kind === 'refresh' && i.active) {
      const r = i.row;
      return {
        active: true,
        scope: r.scope,
        client_id: r.clientId,
        ...(r.userId ? { sub: r.userId, username: r.userId } : {}),
        token_type: 'refresh_token',
        exp: Math.floor(r.expiresAt.getTime() / 1000),
        iat: Math.floor(r.createdAt.getTime() / 1000),
        iss: this.env.issuer,
      };
    }
    return { active: false };
  }

  private async access(token: string): Promise<Inspected | undefined> {
    const claims = await this.tokens.verify(token, { allowExpired: true });
    if (!claims) return undefined;
    const expired = claims.exp * 1000 <= this.clock.now().getTime();
    return { kind: 'access', claims, expired, revoked: await this.revocations.isRevoked(claims) };
  }

  private async refresh(token: string): Promise<Inspected | undefined> {
    const row = await this.refreshTokens.findByHash(digest(token));
    if (!row) return undefined;
    const active =
      !row.usedAt && !row.revokedAt && row.expiresAt.getTime() > this.clock.now().getTime();
    return { kind: 'refresh', row, active };
  }
}
