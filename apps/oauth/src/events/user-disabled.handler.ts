import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { EventEnvelope, UserDisabled, UserDisabledPayload } from '@platform/contracts';
import { ConsumeContext, OnEvent } from '@platform/messaging';
import { Sessions } from '../login/sessions';
import { Revocations } from '../tokens/revocations';
import { RefreshTokenEntity } from '../tokens/token.entities';

/**
 * `user.disabled` (from users): end the user's sessions and refresh tokens, and announce
 * `token.revoked {scope: user, issuedBefore: disabledAt}` so the gateway refuses its access
 * tokens. Runs in the inbox transaction: done exactly once per event.
 */
@Injectable()
export class UserDisabledHandler {
  constructor(
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(Revocations) private readonly revocations: Revocations,
  ) {}

  @OnEvent(UserDisabled)
  async handle(event: EventEnvelope<UserDisabledPayload>, ctx: ConsumeContext): Promise<void> {
    const { id, disabledAt } = event.data;
    const at = new Date(disabledAt);
    await this.sessions.endAllOf(ctx.manager, id);
    await ctx.manager.getRepository(RefreshTokenEntity).update({ userId: id, revokedAt: IsNull() }, { revokedAt: at });
    await this.revocations.revoke(ctx.manager, { scope: 'user', userId: id, issuedBefore: at, reason: 'user disabled' });
  }
}
