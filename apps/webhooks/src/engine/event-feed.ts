import { Injectable } from '@nestjs/common';
import { eventDefinitions, type EventDefinition, type EventEnvelope } from '@platform/contracts';
import { OnEventBatch, type ConsumeContext } from '@platform/messaging';
import { deliveryBody } from './delivery-body';
import { markDeliveriesAdded } from './deliveries-added';
import { contextAudience } from './event-audience';

/**
 * Turns domain events into deliveries, in the transaction that marks them processed (the inbox):
 * either both commit or the events come again — nothing accepted is lost between the broker and
 * the delivery table. The feed takes events in batches (`@OnEventBatch`, ADR 0025): one
 * INSERT … SELECT for the whole batch matches each event with the active subscriptions of its
 * context — entity and database, see `contextAudience` — (or every event, for platform-wide ones)
 * whose types include the event's (or `*`); the unique (subscription, event id) key makes a
 * redelivered event add nothing. A subscription's deliveries of one batch are due in the events'
 * order (a microsecond apart), so they are claimed in that order.
 */
@Injectable()
export class EventFeed {
  async recordAll(events: EventEnvelope<unknown>[], ctx: ConsumeContext): Promise<void> {
    if (events.length === 0) return;
    const audiences = events.map(contextAudience);
    const added: unknown[] = await ctx.manager.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, event_time, body, status, next_attempt_at, traceparent)
       SELECT s.id, e.id, e.type, e.time, e.body, 'pending', now() + (e.n - 1) * interval '1 microsecond', e.traceparent
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[])
              WITH ORDINALITY AS e(id, type, time, body, entity, database, traceparent, n)
         JOIN webhook_subscriptions s
           ON s.status = 'active'
          AND s.actions && ARRAY[e.type, '*']::text[]
          AND (s.owner_all_contexts OR (s.owner_entity = e.entity AND s.owner_database = e.database))
        ORDER BY e.n
       ON CONFLICT (subscription_id, event_id) DO NOTHING
       RETURNING 1`,
      [
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.time),
        events.map((e) => deliveryBody(e.id, e.type, e.time, e.data)),
        audiences.map((a) => a?.entity ?? null),
        audiences.map((a) => a?.database ?? null),
        // The event's `process` span (tracing on): each send of the delivery continues its trace.
        events.map((e) => e.traceparent ?? null),
      ],
    );
    // This instance's worker starts a round when this commits (deliveries-added.ts).
    if (added.length > 0) markDeliveriesAdded(ctx.manager);
  }
}

/**
 * The feed as the consumer of every event type of the catalogue, so a new event type is
 * delivered to webhooks without touching this service.
 */
export function withEveryEventType(
  definitions: EventDefinition[] = eventDefinitions(),
): typeof EventFeed {
  class EveryEventFeed extends EventFeed {
    onEvents(events: EventEnvelope<unknown>[], ctx: ConsumeContext): Promise<void> {
      return this.recordAll(events, ctx);
    }
  }
  const descriptor: PropertyDescriptor = {
    value: EveryEventFeed.prototype.onEvents,
    writable: true,
    configurable: true,
  };
  OnEventBatch(definitions)(EveryEventFeed.prototype, 'onEvents', descriptor);
  return EveryEventFeed;
}
