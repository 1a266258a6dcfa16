import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, UserDisabled, UserDisabledPayload } from '@platform/contracts';
import { Clock } from '@platform/http';
import { ConsumeContext, OnEvent } from '@platform/messaging';
import { Sessions } from '../login/sessions';
import { Revocations } from '../tokens/revocations';
import { RefreshTokensRepository } from '../tokens/refresh-tokens.repository';

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
    @Inject(RefreshTokensRepository) private readonly refreshTokens: RefreshTokensRepository,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @OnEvent(UserDisabled)
  async handle(event: EventEnvelope<UserDisabledPayload>, ctx: ConsumeContext): Promise<void> {
    const { id, disabledAt } = event.data;
    // Every token of the user issued until now, not only until `disabledAt`: between the disable
    // in users and this event, grants may have minted more (`issuedBefore: disabledAt` missed them).
    const stated = Date.parse(disabledAt);
    const now = this.clock.now();
    const at = new Date(Number.isNaN(stated) ? now.getTime() : Math.max(stated, now.getTime()));
    await this.sessions.endAllOf(id, now, ctx.manager);
    await this.refreshTokens.revokeAllOfUser(id, at, ctx.manager);
    await this.revocations.revoke(
      { scope: 'user', userId: id, issuedBefore: at, reason: 'user disabled' },
      ctx.manager,
    );
  }
}
