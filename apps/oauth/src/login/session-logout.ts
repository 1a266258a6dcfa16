import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@platform/http';
import { digest } from '../shared/crypto';
import { RefreshTokensRepository } from '../tokens/refresh-tokens.repository';
import { TokenChain } from '../tokens/token-chain';
import { SessionsRepository } from './sessions.repository';

/**
 * Signing out (`/servicelogin/logout`, OIDC RP-initiated logout): ends the login session and every
 * refresh-token family an OpenID Connect sign-in of that session began (their `sid`), with the
 * access tokens issued from them — a relying party's tokens must not outlive the sign-in they came
 * from once the user has signed out of it. Families without a `sid` (plain OAuth, `002_*`) stay:
 * they never claimed to be bound to a session.
 */
@Injectable()
export class SessionLogout {
  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(RefreshTokensRepository) private readonly refreshTokens: RefreshTokensRepository,
    @Inject(TokenChain) private readonly chain: TokenChain,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async end(cookie: string | undefined): Promise<void> {
    if (!cookie) return;
    await this.sessions.transaction(async (m) => {
      const session = await this.sessions.findOpenForUpdate(digest(cookie), m);
      if (!session) return;
      await this.sessions.end(session.idHash, this.clock.now(), m);
      for (const familyId of await this.refreshTokens.liveFamiliesOfSid(session.sid, m)) {
        await this.chain.revokeFamily(familyId, 'signed out', m);
      }
    });
  }
}
