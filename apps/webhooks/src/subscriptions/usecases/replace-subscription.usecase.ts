import { Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { WebhookUpdated } from '@platform/contracts';
import { OutboxPublisher } from '@platform/messaging';
import { WebhooksEnv } from '../../config';
import { SubscriptionSecrets } from '../../engine/subscription-secrets';
import type { SaveSubscriptionDto } from '../dto/save-subscription.dto';
import { owned } from '../owned-subscription';
import { ownerScopeOf } from '../owner-scope';
import { changedFields, oauth2SecretProblem, snapshotOf } from '../subscription-changes';
import { subscriptionChanged } from '../subscription-events';
import type { SubscriptionEntity } from '../subscription.entity';
import { SubscriptionsRepository } from '../subscriptions.repository';
import { applySubscription, refuseOAuth2Secret, validateSubscription } from './subscription-input';

/**
 * `PUT /api/v1/webhooks/{id}`: replaces a subscription (as `004_*` does to rotate a token in
 * `clientHeaders`); the context's admin role. `webhook.updated`, naming the changed fields, goes
 * to the outbox in the same transaction (spec §7).
 */
@Injectable()
export class ReplaceSubscriptionUseCase {
  constructor(
    private readonly env: WebhooksEnv,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly secrets: SubscriptionSecrets,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute(
    caller: Principal,
    id: string,
    dto: SaveSubscriptionDto,
  ): Promise<SubscriptionEntity> {
    const scope = ownerScopeOf(caller, 'manage');
    validateSubscription(dto, this.env);
    await this.subscriptions.transaction(async (m) => {
      const s = owned(await this.subscriptions.findForUpdate(scope, id, m), id);
      const before = snapshotOf(s, this.secrets.clientHeaders(s));
      const stored = {
        postbackUrl: s.postbackUrl,
        oauth2: s.oauth2,
        hasSecret: !!s.oauth2SecretEnc,
      };
      refuseOAuth2Secret(oauth2SecretProblem(stored, dto));
      const wasDisabled = s.status === 'disabled';
      applySubscription(s, dto, dto.oauth2 ? this.storedOAuth2Secret(s) : null, this.secrets);
      // Re-enabling a subscription gives it a clean health record.
      if (s.status === 'active')
        Object.assign(s, { disabledReason: null, failingSince: null, failuresSinceSuccess: 0 });
      // Whoever enables a disabled subscription vouches for where it sends the context's events:
      // it is theirs from now on, and ends with their access (OwnerRevocation).
      if (wasDisabled && s.status === 'active')
        Object.assign(s, { ownerClientId: caller.clientId, ownerUserId: caller.userId ?? null });
      await this.subscriptions.save(s, m);
      const after = snapshotOf(s, dto.clientHeaders ?? {});
      const changed = changedFields(before, after, dto.oauth2?.clientSecret !== undefined);
      await this.outbox.add(m, subscriptionChanged(WebhookUpdated, s, caller, changed));
    });
    return owned(await this.subscriptions.find(scope, id), id);
  }

  /** Checked before: kept only for the same postback origin, token URL and client id. */
  private storedOAuth2Secret(s: SubscriptionEntity): string | null {
    if (!s.oauth2SecretEnc) return null;
    try {
      return this.secrets.oauth2ClientSecret(s);
    } catch {
      return null; // sealed for another target: it must be given again
    }
  }
}
