import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@platform/auth';
import { WebhookCreated } from '@platform/contracts';
import { OutboxPublisher } from '@platform/messaging';
import { WebhooksEnv } from '../../config';
import { newSigningSecret } from '../../engine/signature';
import { SubscriptionSecrets } from '../../engine/subscription-secrets';
import type { SaveSubscriptionDto } from '../dto/save-subscription.dto';
import { owned } from '../owned-subscription';
import { ownerScopeOf } from '../owner-scope';
import { oauth2SecretProblem } from '../subscription-changes';
import { subscriptionChanged } from '../subscription-events';
import { SubscriptionEntity } from '../subscription.entity';
import { SubscriptionsRepository } from '../subscriptions.repository';
import { applySubscription, refuseOAuth2Secret, validateSubscription } from './subscription-input';

/**
 * `POST /api/v1/webhooks`: a subscription with a new signing secret, for the caller's context
 * (its admin role). Secrets are sealed before they reach the database; `webhook.created` goes to
 * the outbox in the same transaction (spec §7).
 */
@Injectable()
export class CreateSubscriptionUseCase {
  constructor(
    private readonly env: WebhooksEnv,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly secrets: SubscriptionSecrets,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute(
    caller: Principal,
    dto: SaveSubscriptionDto,
  ): Promise<{ subscription: SubscriptionEntity; secret: string }> {
    const scope = ownerScopeOf(caller, 'manage');
    validateSubscription(dto, this.env);
    refuseOAuth2Secret(oauth2SecretProblem(null, dto));
    const s = new SubscriptionEntity();
    s.id = randomUUID();
    const secret = newSigningSecret();
    s.secretEnc = this.secrets.seal(s.id, 'secret', secret);
    s.retiringSecrets = [];
    s.ownerClientId = caller.clientId;
    s.ownerUserId = caller.userId ?? null;
    s.ownerEntity = scope.kind === 'context' ? scope.entity : null;
    s.ownerDatabase = scope.kind === 'context' ? scope.database : null;
    s.ownerAllContexts = scope.kind === 'platform';
    s.failuresSinceSuccess = 0;
    s.failingSince = null;
    s.lastSuccessAt = null;
    applySubscription(s, dto, null, this.secrets);
    await this.subscriptions.transaction(async (m) => {
      await this.subscriptions.insert(s, m);
      await this.outbox.add(m, subscriptionChanged(WebhookCreated, s, caller));
    });
    return { subscription: owned(await this.subscriptions.find(scope, s.id), s.id), secret };
  }
}
