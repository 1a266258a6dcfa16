import { Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import type { ListQuery, Page } from '@platform/http';
import { ownerScopeOf } from '../owner-scope';
import type { SubscriptionEntity } from '../subscription.entity';
import { SubscriptionsRepository } from '../subscriptions.repository';

/** `GET /api/v1/webhooks`: the subscriptions of the caller's context (admin or technician). */
@Injectable()
export class ListSubscriptionsUseCase {
  constructor(private readonly subscriptions: SubscriptionsRepository) {}

  execute(caller: Principal, query: ListQuery): Promise<Page<SubscriptionEntity>> {
    return this.subscriptions.list(ownerScopeOf(caller, 'read'), query);
  }
}
