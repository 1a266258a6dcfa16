import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@platform/auth';
import { WebhookDeleted } from '@platform/contracts';
import { OutboxPublisher } from '@platform/messaging';
import { ownerScopeOf } from '../owner-scope';
import { subscriptionChanged } from '../subscription-events';
import { SubscriptionEntity } from '../subscription.entity';
import { SubscriptionsRepository } from '../subscriptions.repository';

/** Deletes a subscription (its deliveries go with it) and records `webhook.deleted` (spec §7). */
@Injectable()
export class DeleteSubscriptionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute(caller: Principal, id: string): Promise<void> {
    const scope = ownerScopeOf(caller, 'manage');
    await this.dataSource.transaction(async (m) => {
      const s = await this.subscriptions.get(scope, id, m);
      await m.getRepository(SubscriptionEntity).delete({ id: s.id });
      await this.outbox.add(m, subscriptionChanged(WebhookDeleted, s, caller));
    });
  }
}
