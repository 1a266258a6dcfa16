import { Injectable } from '@nestjs/common';
import { eventDefinitions, type EventDefinition, type EventEnvelope } from '@platform/contracts';
import { OnEvent, type ConsumeContext } from '@platform/messaging';
import { traceparentOf } from '@platform/observability';
import { deliveryBody } from './delivery-body';
import { markDeliveriesAdded } from './deliveries-added';
import { contextAudience } from './event-audience';

/**
 * Turns every domain event into deliveries, in the transaction that marks the event processed
 * (the inbox): either both commit or the event comes again — nothing accepted is lost between
 * the broker and the delivery table. One INSERT … SELECT matches the active subscriptions of the
 * event's context — entity and database, see `contextAudience` — (or every event, for
 * platform-wide ones) whose types include the event's (or `*`); the unique (subscription, event id) key makes a
 * redelivered event add nothing.
 */
@Injectable()
export class EventFeed {
  async record(event: EventEnvelope<unknown>, ctx: ConsumeContext): Promise<void> {
    const audience = contextAudience(event);
    const added: unknown[] = await ctx.manager.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, event_time, body, status, next_attempt_at, traceparent)
       SELECT s.id, $1, $2, $3, $4, 'pending', now(), $7
         FROM webhook_subscriptions s
        WHERE s.status = 'active'
          AND s.actions && ARRAY[$2, '*']::text[]
          AND (s.owner_all_contexts OR (s.owner_entity = $5::text AND s.owner_database = $6::text))
       ON CONFLICT (subscription_id, event_id) DO NOTHING
       RETURNING 1`,
      [
        event.id,
        event.type,
        event.time,
        deliveryBody(event.id, event.type, event.time, event.data),
        audience?.entity ?? null,
        audience?.database ?? null,
        // The consumer's span (tracing on): each send of the delivery continues the event's trace.
        traceparentOf() ?? event.traceparent ?? null,
      ],
    );
    // This instance's worker starts a round when this commits (deliveries-added.ts).
    if (added.length > 0) markDeliveriesAdded(ctx.manager);
  }
}

/**
 * `@OnEvent` takes one event type per method, and the feed wants all of them: this gives the feed
 * one generated handler method per event type in the catalogue, so a new event type is delivered
 * to webhooks without touching this service.
 */
export function withHandlerPerEventType(
  definitions: EventDefinition[] = eventDefinitions(),
): typeof EventFeed {
  class EveryEventFeed extends EventFeed {}
  for (const definition of definitions) {
    const name = `on_${definition.type.replace(/[^A-Za-z0-9]/g, '_')}`;
    const handler = function (
      this: EventFeed,
      event: EventEnvelope<unknown>,
      ctx: ConsumeContext,
    ): Promise<void> {
      return this.record(event, ctx);
    };
    const descriptor: PropertyDescriptor = { value: handler, writable: true, configurable: true };
    Object.defineProperty(EveryEventFeed.prototype, name, descriptor);
    OnEvent(definition)(EveryEventFeed.prototype, name, descriptor);
  }
  return EveryEventFeed;
}
