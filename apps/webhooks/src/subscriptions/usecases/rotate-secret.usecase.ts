import { ConflictException, Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { Clock } from '@platform/http';
import { OutboxPublisher } from '@platform/messaging';
import { newSigningSecret } from '../../engine/signature';
import { SubscriptionSecrets } from '../../engine/subscription-secrets';
import { owned } from '../owned-subscription';
import { ownerScopeOf } from '../owner-scope';
import { secretRotated } from '../subscription-events';
import { SubscriptionsRepository } from '../subscriptions.repository';

/** Spec §6: for 24 h after a rotation the old secret signs too, so receivers switch without a gap. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;

/**
 * Secrets in their grace period at once: each signs every delivery, so a runaway loop of
 * rotations must not grow the signature header without bound. Ten in a day is far past any
 * planned rotation; the eleventh waits (409) until the oldest one's grace ends.
 */
export const MAX_RETIRING_SECRETS = 10;

@Injectable()
export class RotateSecretUseCase {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly secrets: SubscriptionSecrets,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  /**
   * A new current secret; the one it replaces joins the retiring ones for its own 24 h. Earlier
   * retiring secrets keep their own end (a second rotation within a day does not cut the first
   * one's grace short); those whose grace is over are dropped.
   */
  async execute(
    caller: Principal,
    id: string,
  ): Promise<{ secret: string; previousSecretExpiresAt: string }> {
    const scope = ownerScopeOf(caller, 'manage');
    const secret = newSigningSecret();
    const now = this.clock.now();
    const until = new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS);
    await this.subscriptions.transaction(async (m) => {
      const s = owned(await this.subscriptions.findForUpdate(scope, id, m), id);
      const stillSigning = s.retiringSecrets.filter((r) => Date.parse(r.until) > now.getTime());
      if (stillSigning.length >= MAX_RETIRING_SECRETS) {
        const oldest = stillSigning.map((r) => r.until).sort()[0];
        throw new ConflictException(
          `${MAX_RETIRING_SECRETS} rotated-out secrets still sign; rotate again after ${oldest}`,
        );
      }
      const current = this.secrets.currentSecret(s);
      s.retiringSecrets = [
        ...stillSigning,
        {
          secretEnc: this.secrets.seal(s.id, 'previous_secret', current),
          until: until.toISOString(),
        },
      ];
      s.secretEnc = this.secrets.seal(s.id, 'secret', secret);
      await this.subscriptions.save(s, m);
      await this.outbox.add(m, secretRotated(s, caller, until));
    });
    return { secret, previousSecretExpiresAt: until.toISOString() };
  }
}
