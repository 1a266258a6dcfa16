import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { digest } from '../shared/crypto';
import { TokenChain } from '../tokens/token-chain';
import { RefreshTokenEntity } from '../tokens/token.entities';
import { SessionEntity } from './session.entities';

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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TokenChain) private readonly chain: TokenChain,
  ) {}

  async end(cookie: string | undefined): Promise<void> {
    if (!cookie) return;
    await this.db.transaction(async (m) => {
      const sessions = m.getRepository(SessionEntity);
      const session = await sessions.findOne({
        where: { idHash: digest(cookie), endedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!session) return;
      await sessions.update({ idHash: session.idHash }, { endedAt: new Date() });
      const live = await m
        .getRepository(RefreshTokenEntity)
        .find({ select: { familyId: true }, where: { sid: session.sid, revokedAt: IsNull() } });
      for (const familyId of new Set(live.map((r) => r.familyId))) {
        await this.chain.revokeFamily(m, familyId, 'signed out');
      }
    });
  }
}
