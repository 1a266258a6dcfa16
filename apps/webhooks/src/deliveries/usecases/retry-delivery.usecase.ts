import { Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { Clock } from '@platform/http';
import { owned } from '../../subscriptions/owned-subscription';
import { ownerScopeOf } from '../../subscriptions/owner-scope';
import { SubscriptionsRepository } from '../../subscriptions/subscriptions.repository';
import { DeliveriesRepository } from '../deliveries.repository';
import { deliveryView, type DeliveryView } from './delivery-view';

/** `POST …/deliveries/{id}/retry`: due again now, same event id (receivers dedupe by it). */
@Injectable()
export class RetryDeliveryUseCase {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Principal,
    subscriptionId: string,
    deliveryId: string,
  ): Promise<DeliveryView> {
    const scope = ownerScopeOf(caller, 'manage');
    owned(await this.subscriptions.find(scope, subscriptionId), subscriptionId);
    await this.deliveries.markDueAgain(subscriptionId, deliveryId, this.clock.now());
    return deliveryView(this.deliveries, subscriptionId, deliveryId);
  }
}
