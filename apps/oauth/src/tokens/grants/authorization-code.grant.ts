import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InvalidGrant, InvalidRequest } from '../../errors/oauth-errors';
import { digest } from '../../shared/crypto';
import { UsersDirectory } from '../../users-client/users-directory';
import { Revocations } from '../revocations';
import { scopesStillGranted } from '../scope-policy';
import { TokenChain } from '../token-chain';
import { TokenIssuer } from '../token-issuer';
import { AuthorizationCodeEntity } from '../token.entities';
import type { SignIn } from '../id-token';
import {
  activeUser,
  assertGrantAllowed,
  field,
  GrantContext,
  GrantHandler,
  GrantResult,
  refreshEnabled,
} from './grant';
import { verifierMatches } from './pkce';

/**
 * RFC 6749 §4.1.3 with PKCE (RFC 7636). A code works once: a second use is `invalid_grant` and
 * revokes what the first use issued (§4.1.2). The user must still be active when the code is
 * redeemed, and the scopes are narrowed to what the client and user hold then.
 */
@Injectable()
export class AuthorizationCodeGrant implements GrantHandler {
  readonly type = 'authorization_code' as const;
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(TokenChain) private readonly chain: TokenChain,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
  ) {}

  async handle(ctx: GrantContext): Promise<GrantResult> {
    assertGrantAllowed(ctx.client, this.type);
    const code = field(ctx.body, 'code');
    if (!code) throw new InvalidRequest('code is required.');
    const outcome = await this.db.transaction((m) => this.redeem(m, ctx, code));
    // Thrown after the commit, so the revocation of a replayed code's tokens sticks.
    if (outcome instanceof InvalidGrant) throw outcome;
    return outcome;
  }

  private async redeem(
    m: EntityManager,
    ctx: GrantContext,
    code: string,
  ): Promise<GrantResult | InvalidGrant> {
    const repo = m.getRepository(AuthorizationCodeEntity);
    const row = await repo.findOne({
      where: { codeHash: digest(code) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row || row.clientId !== ctx.client.id)
      return new InvalidGrant('The authorization code is invalid.');
    if (row.usedAt) {
      if (row.refreshFamily)
        await this.chain.revokeFamily(m, row.refreshFamily, 'authorization code replayed');
      else if (row.accessJti)
        await this.revocations.revoke(m, {
          scope: 'token',
          jti: row.accessJti,
          reason: 'authorization code replayed',
        });
      return new InvalidGrant('The authorization code was already used.');
    }
    if (row.expiresAt.getTime() < Date.now())
      return new InvalidGrant('The authorization code has expired.');
    if (field(ctx.body, 'redirect_uri') !== row.redirectUri) {
      return new InvalidGrant('redirect_uri does not match the authorization request.');
    }
    const verifier = field(ctx.body, 'code_verifier');
    if (
      row.codeChallenge ? !verifierMatches(verifier, row.codeChallenge) : verifier !== undefined
    ) {
      return new InvalidGrant('The PKCE code_verifier does not match.');
    }
    const user = row.userId ? await activeUser(this.users, row.userId, ctx.requestId) : undefined;
    const scope = scopesStillGranted(
      row.scope.split(' ').filter(Boolean),
      undefined,
      ctx.client,
      user,
    );
    const issued = await this.issuer.issue(
      {
        client: ctx.client,
        userId: row.userId ?? undefined,
        scope,
        grantType: this.type,
        ip: ctx.ip,
        refresh: refreshEnabled(ctx.client),
        entitlements: user?.permissions,
        requestId: ctx.requestId,
        signIn: signInOf(row),
      },
      m,
    );
    await repo.update(
      { codeHash: row.codeHash },
      { usedAt: new Date(), accessJti: issued.jti, refreshFamily: issued.familyId ?? null },
    );
    return { issued, userId: row.userId ?? undefined };
  }
}

/** The OpenID Connect sign-in the code was issued for, if it was (authorize.usecase.ts). */
function signInOf(row: AuthorizationCodeEntity): SignIn | undefined {
  if (!row.authTime || !row.sid) return undefined;
  return { authTime: row.authTime, sid: row.sid, nonce: row.nonce ?? undefined };
}
