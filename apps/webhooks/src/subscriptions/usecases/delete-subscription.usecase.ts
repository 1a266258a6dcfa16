import { Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { WebhookDeleted } from '@platform/contracts';
import { OutboxPublisher } from '@platform/messaging';
import { owned } from '../owned-subscription';
import { ownerScopeOf } from '../owner-scope';
import { subscriptionChanged } from '../subscription-events';
import { SubscriptionsRepository } from '../subscriptions.repository';

/** Deletes a subscription (its deliveries go with it) and records `webhook.deleted` (spec §7). */
@Injectable()
export class DeleteSubscriptionUseCase {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute(caller: Principal, id: string): Promise<void> {
    const scope = ownerScopeOf(caller, 'manage');
    await this.subscriptions.transaction(async (m) => {
      const s = owned(await this.subscriptions.findForUpdate(scope, id, m), id);
      await this.subscriptions.delete(s.id, m);
      await this.outbox.add(m, subscriptionChanged(WebhookDeleted, s, caller));
    });
  }
}
