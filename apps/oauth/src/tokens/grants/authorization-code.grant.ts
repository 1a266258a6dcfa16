import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@platform/http';
import { InvalidGrant, InvalidRequest } from '../../errors/oauth-errors';
import { digest } from '../../shared/crypto';
import { UsersDirectory } from '../../users-client/users-directory';
import { AuthorizationCodesRepository } from '../authorization-codes.repository';
import type { SignIn } from '../id-token';
import { Revocations } from '../revocations';
import { TokenChain } from '../token-chain';
import { TokenIssuer } from '../token-issuer';
import type { AuthorizationCodeEntity } from '../token.entities';
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
    @Inject(AuthorizationCodesRepository) private readonly codes: AuthorizationCodesRepository,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(TokenChain) private readonly chain: TokenChain,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async handle(ctx: GrantContext): Promise<GrantResult> {
    assertGrantAllowed(ctx.client, this.type);
    const code = field(ctx.body, 'code');
    if (!code) throw new InvalidRequest('code is required.');
    return redeemInTransaction(
      (work) => this.codes.transaction(work),
      (m) => this.redeem(ctx, code, m),
    );
  }

  private async redeem(
    ctx: GrantContext,
    code: string,
    m: EntityManager,
  ): Promise<GrantResult | InvalidGrant> {
    const row = await this.codes.findByHashForUpdate(digest(code), m);
    if (!row || row.clientId !== ctx.client.id)
      return new InvalidGrant('The authorization code is invalid.');
    if (row.usedAt) {
      const reason = 'authorization code replayed';
      if (row.refreshFamily) await this.chain.revokeFamily(row.refreshFamily, reason, m);
      else if (row.accessJti)
        await this.revocations.revoke({ scope: 'token', jti: row.accessJti, reason }, m);
      return new InvalidGrant('The authorization code was already used.');
    }
    const now = this.clock.now();
    if (row.expiresAt.getTime() < now.getTime())
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
    const { user, scope } = await stillGranted(this.users, ctx, row);
    const userId = row.userId ?? undefined;
    const issued = await this.issuer.issue(
      issueRequest(
        ctx,
        this.type,
        { userId, user, scope },
        { refresh: refreshEnabled(ctx.client), signIn: signInOf(row) },
      ),
      m,
    );
    await this.codes.update(
      row.codeHash,
      { usedAt: now, accessJti: issued.jti, refreshFamily: issued.familyId ?? null },
      m,
    );
    return { issued, userId };
  }
}

/** The OpenID Connect sign-in the code was issued for, if it was (authorize.usecase.ts). */
function signInOf(row: AuthorizationCodeEntity): SignIn | undefined {
  if (!row.authTime || !row.sid) return undefined;
  return { authTime: row.authTime, sid: row.sid, nonce: row.nonce ?? undefined };
}
