import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '@platform/auth';
import { WebhookTest, type WebhookTestPayload } from '@platform/contracts';
import { deliveryBody } from '../engine/delivery-body';
import { Clock } from '../shared/clock';
import { ownerScopeOf } from '../subscriptions/owner-scope';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryEntity } from './delivery.entity';

/** The type of the ping `POST …/test` sends (spec §6). */
export const TEST_EVENT_TYPE = WebhookTest.type;

/** `POST …/deliveries/{id}/retry`: due again now, same event id (receivers dedupe by it). */
@Injectable()
export class RetryDeliveryUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Principal,
    subscriptionId: string,
    deliveryId: string,
  ): Promise<DeliveryEntity> {
    await this.subscriptions.get(ownerScopeOf(caller, 'manage'), subscriptionId);
    const now = this.clock.now();
    // A delivery in flight keeps its lease; it is simply due again once that attempt is recorded.
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'pending', completed_at = NULL,
              next_attempt_at = CASE WHEN leased_until > $3 THEN next_attempt_at ELSE $3 END
        WHERE id = $1 AND subscription_id = $2`,
      [deliveryId, subscriptionId, now],
    );
    return this.deliveries.get(subscriptionId, deliveryId);
  }
}

/** `POST …/test`: a `webhook.test` delivery through the normal engine (signature, headers, OAuth2). */
@Injectable()
export class SendTestUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Principal, subscriptionId: string): Promise<DeliveryEntity> {
    const s = await this.subscriptions.get(ownerScopeOf(caller, 'manage'), subscriptionId);
    if (s.status !== 'active')
      throw new ConflictException(`webhook '${s.id}' is ${s.status}: activate it first`);
    const now = this.clock.now();
    const eventId = randomUUID();
    const id = randomUUID();
    const data: WebhookTestPayload = { subscriptionId: s.id, message: 'This is a test delivery.' };
    await this.dataSource.getRepository(DeliveryEntity).insert({
      id,
      subscriptionId: s.id,
      eventId,
      eventType: TEST_EVENT_TYPE,
      eventTime: now,
      body: deliveryBody(eventId, TEST_EVENT_TYPE, now.toISOString(), data),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
    });
    return this.deliveries.get(s.id, id);
  }
}
