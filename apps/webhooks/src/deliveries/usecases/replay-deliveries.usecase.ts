import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { Clock } from '@platform/http';
import { OutboxPublisher } from '@platform/messaging';
import { owned } from '../../subscriptions/owned-subscription';
import { ownerScopeOf } from '../../subscriptions/owner-scope';
import { deliveriesReplayed } from '../../subscriptions/subscription-events';
import { SubscriptionsRepository } from '../../subscriptions/subscriptions.repository';
import { DeliveriesRepository } from '../deliveries.repository';
import type { ReplayDeliveriesDto, ReplayDeliveriesResponse } from '../dto/replay-deliveries.dto';

/**
 * Deliveries one replay schedules at most. One call is one transaction: ten thousand row updates
 * stay well under a second, and a larger window is replayed by calling again (`hasMore`), each
 * call taking the oldest failed deliveries still left.
 */
export const MAX_REPLAY_PER_CALL = 10_000;

/**
 * `POST /api/v1/webhooks/{id}/deliveries/replay`: every failed delivery of the subscription made in
 * [`since`, `until`) is due again now, one more attempt each with its own event id, as a manual
 * retry does. Deliveries still pending (scheduled or in flight) and succeeded ones are left alone,
 * so replaying twice schedules nothing twice. The claimer then sends them within the
 * subscription's rate limit and in-flight cap: they wait, none is dropped. Recorded as
 * `webhook.deliveries_replayed` in the same transaction (spec §7).
 */
@Injectable()
export class ReplayDeliveriesUseCase {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Principal,
    subscriptionId: string,
    body: ReplayDeliveriesDto,
  ): Promise<ReplayDeliveriesResponse> {
    const scope = ownerScopeOf(caller, 'manage');
    const now = this.clock.now();
    const window = windowOf(body, now);
    return this.deliveries.transaction(async (m) => {
      const s = owned(
        await this.subscriptions.findForUpdate(scope, subscriptionId, m),
        subscriptionId,
      );
      // Like `/test`: sending to a subscription its owner turned off (or that was disabled for
      // failing) is a decision to take explicitly, with a PUT of `status: active` first.
      if (s.status !== 'active')
        throw new ConflictException(`webhook '${s.id}' is ${s.status}: enable it first`);
      const scheduled = await this.deliveries.rescheduleFailed(
        s.id,
        window,
        now,
        MAX_REPLAY_PER_CALL,
        m,
      );
      const hasMore =
        scheduled === MAX_REPLAY_PER_CALL && (await this.deliveries.anyFailed(s.id, window, m));
      const result = { scheduled, hasMore };
      await this.outbox.add(m, deliveriesReplayed(s, caller, window, result));
      return result;
    });
  }
}

export interface ReplayWindow {
  since: Date;
  until: Date;
  /** Whether the caller gave `until` (the event says so). */
  untilGiven: boolean;
}

function windowOf(body: ReplayDeliveriesDto, now: Date): ReplayWindow {
  const since = new Date(body.since);
  const until = body.until === undefined ? now : new Date(body.until);
  if (since.getTime() >= until.getTime()) {
    throw new BadRequestException({
      message: 'The request is not valid.',
      errors: [
        {
          field: body.until === undefined ? 'since' : 'until',
          messages: [
            body.until === undefined ? 'since must be in the past' : 'until must be after since',
          ],
        },
      ],
    });
  }
  return { since, until, untilGiven: body.until !== undefined };
}
