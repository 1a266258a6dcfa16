import { Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import type { ListQuery, Page } from '@platform/http';
import { owned } from '../../subscriptions/owned-subscription';
import { ownerScopeOf } from '../../subscriptions/owner-scope';
import { SubscriptionsRepository } from '../../subscriptions/subscriptions.repository';
import { DeliveriesRepository } from '../deliveries.repository';
import type { DeliveryView } from './delivery-view';

/** `GET /api/v1/webhooks/{id}/deliveries`: the delivery log of one subscription (spec §6). */
@Injectable()
export class ListDeliveriesUseCase {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async execute(
    caller: Principal,
    subscriptionId: string,
    query: ListQuery,
  ): Promise<Page<DeliveryView>> {
    const scope = ownerScopeOf(caller, 'read');
    const s = owned(await this.subscriptions.find(scope, subscriptionId), subscriptionId);
    const page = await this.deliveries.list(s.id, query);
    const attempts = await this.deliveries.attemptsOf(page.content.map((d) => d.id));
    return {
      ...page,
      content: page.content.map((d) => ({ delivery: d, attempts: attempts.get(d.id) ?? [] })),
    };
  }
}
