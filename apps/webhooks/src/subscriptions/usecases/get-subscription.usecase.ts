import { Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { owned } from '../owned-subscription';
import { ownerScopeOf } from '../owner-scope';
import type { SubscriptionEntity } from '../subscription.entity';
import { SubscriptionsRepository } from '../subscriptions.repository';

/** `GET /api/v1/webhooks/{id}`: one subscription of the caller's context (admin or technician). */
@Injectable()
export class GetSubscriptionUseCase {
  constructor(private readonly subscriptions: SubscriptionsRepository) {}

  async execute(caller: Principal, id: string): Promise<SubscriptionEntity> {
    return owned(await this.subscriptions.find(ownerScopeOf(caller, 'read'), id), id);
  }
}
