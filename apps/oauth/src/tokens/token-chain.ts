import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { Revocations } from './revocations';
import { RefreshTokenEntity } from './token.entities';

/**
 * Ends a refresh-token family: every refresh token of it, and every access token issued with
 * them (RFC 9700 §4.14.2: a replayed refresh token or code means the chain is compromised).
 */
@Injectable()
export class TokenChain {
  constructor(@Inject(Revocations) private readonly revocations: Revocations) {}

  async revokeFamily(m: EntityManager, familyId: string, reason: string): Promise<void> {
    const repo = m.getRepository(RefreshTokenEntity);
    const members = await repo.find({ where: { familyId } });
    await repo.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    for (const jti of new Set(members.map((t) => t.accessJti))) {
      await this.revocations.revoke(m, { scope: 'token', jti, reason });
    }
  }
}
