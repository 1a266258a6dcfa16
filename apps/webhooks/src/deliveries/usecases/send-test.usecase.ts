import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@platform/auth';
import { WebhookTest, type WebhookTestPayload } from '@platform/contracts';
import { Clock } from '@platform/http';
import { deliveryBody } from '../../engine/delivery-body';
import { owned } from '../../subscriptions/owned-subscription';
import { ownerScopeOf } from '../../subscriptions/owner-scope';
import { SubscriptionsRepository } from '../../subscriptions/subscriptions.repository';
import { DeliveriesRepository } from '../deliveries.repository';
import { deliveryView, type DeliveryView } from './delivery-view';

/** `POST …/test`: a `webhook.test` delivery through the normal engine (signature, headers, OAuth2). */
@Injectable()
export class SendTestUseCase {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Principal, subscriptionId: string): Promise<DeliveryView> {
    const scope = ownerScopeOf(caller, 'manage');
    const s = owned(await this.subscriptions.find(scope, subscriptionId), subscriptionId);
    if (s.status !== 'active')
      throw new ConflictException(`webhook '${s.id}' is ${s.status}: activate it first`);
    const now = this.clock.now();
    const eventId = randomUUID();
    const id = randomUUID();
    const data: WebhookTestPayload = { subscriptionId: s.id, message: 'This is a test delivery.' };
    await this.deliveries.insert({
      id,
      subscriptionId: s.id,
      eventId,
      eventType: WebhookTest.type,
      eventTime: now,
      body: deliveryBody(eventId, WebhookTest.type, now.toISOString(), data),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
    });
    return deliveryView(this.deliveries, s.id, id);
  }
}
