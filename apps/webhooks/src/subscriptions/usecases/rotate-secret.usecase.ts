import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@platform/auth';
import { newSigningSecret } from '../../engine/signature';
import { SubscriptionSecrets } from '../../engine/subscription-secrets';
import { Clock } from '../../shared/clock';
import { ownerScopeOf } from '../owner-scope';
import { SubscriptionEntity } from '../subscription.entity';
import { SubscriptionsRepository } from '../subscriptions.repository';

/** Spec §6: for 24 h after a rotation both secrets sign, so receivers can switch without a gap. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;

@Injectable()
export class RotateSecretUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly secrets: SubscriptionSecrets,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Principal,
    id: string,
  ): Promise<{ secret: string; previousSecretExpiresAt: string }> {
    const scope = ownerScopeOf(caller, 'manage');
    const secret = newSigningSecret();
    const until = new Date(this.clock.now().getTime() + PREVIOUS_SECRET_GRACE_MS);
    await this.dataSource.transaction(async (m) => {
      const s = await this.subscriptions.get(scope, id, m);
      const current = this.secrets.currentSecret(s);
      s.previousSecretEnc = this.secrets.seal(s.id, 'previous_secret', current);
      s.previousSecretUntil = until;
      s.secretEnc = this.secrets.seal(s.id, 'secret', secret);
      await m.getRepository(SubscriptionEntity).save(s);
    });
    return { secret, previousSecretExpiresAt: until.toISOString() };
  }
}
