import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@platform/http';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { Revocations } from './revocations';

/**
 * Ends a refresh-token family: every refresh token of it, and every access token issued with
 * them (RFC 9700 §4.14.2: a replayed refresh token or code means the chain is compromised).
 */
@Injectable()
export class TokenChain {
  constructor(
    @Inject(RefreshTokensRepository) private readonly refreshTokens: RefreshTokensRepository,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async revokeFamily(familyId: string, reason: string, m: EntityManager): Promise<void> {
    const members = await this.refreshTokens.listOfFamily(familyId, m);
    await this.refreshTokens.revokeFamily(familyId, this.clock.now(), m);
    for (const jti of new Set(members.map((t) => t.accessJti))) {
      await this.revocations.revoke({ scope: 'token', jti, reason }, m);
    }
  }
}
