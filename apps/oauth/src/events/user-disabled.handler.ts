import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { EventEnvelope, UserDisabled, UserDisabledPayload } from '@platform/contracts';
import { ConsumeContext, OnEvent } from '@platform/messaging';
import { Sessions } from '../login/sessions';
import { Revocations } from '../tokens/revocations';
import { RefreshTokenEntity } from '../tokens/token.entities';

/**
 * `user.disabled` (from users): end the user's sessions and refresh tokens, and announce
 * `token.revoked {scope: user, issuedBefore}` (the later of `disabledAt` and now) so the gateway
 * refuses every access token the user holds. Grants that mint for a user afterwards ask users
 * first (tokens/grants/grant.ts activeUser). Runs in the inbox transaction: once per event.
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
    // Every token of the user issued until now, not only until `disabledAt`: between the disable
    // in users and this event, grants may have minted more (`issuedBefore: disabledAt` missed them).
    const stated = Date.parse(disabledAt);
    const at = new Date(Number.isNaN(stated) ? Date.now() : Math.max(stated, Date.now()));
    await this.sessions.endAllOf(ctx.manager, id);
    await ctx.manager
      .getRepository(RefreshTokenEntity)
      .update({ userId: id, revokedAt: IsNull() }, { revokedAt: at });
    await this.revocations.revoke(ctx.manager, {
      scope: 'user',
      userId: id,
      issuedBefore: at,
      reason: 'user disabled',
    });
  }
}
