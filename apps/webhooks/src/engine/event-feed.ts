import { Injectable } from '@nestjs/common';
import { eventDefinitions, type EventDefinition, type EventEnvelope } from '@platform/contracts';
import { OnEventBatch, type ConsumeContext } from '@platform/messaging';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
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
  constructor(private readonly deliveries: DeliveriesRepository) {}

  async recordAll(events: EventEnvelope<unknown>[], ctx: ConsumeContext): Promise<void> {
    if (events.length === 0) return;
    const audiences = events.map(contextAudience);
    const added = await this.deliveries.addForEvents(
      {
        ids: events.map((e) => e.id),
        types: events.map((e) => e.type),
        times: events.map((e) => e.time),
        bodies: events.map((e) => deliveryBody(e.id, e.type, e.time, e.data)),
        entities: audiences.map((a) => a?.entity ?? null),
        databases: audiences.map((a) => a?.database ?? null),
        // The event's `process` span (tracing on): each send of the delivery continues its trace.
        traceparents: events.map((e) => e.traceparent ?? null),
      },
      ctx.manager,
    );
    // This instance's worker starts a round when this commits (deliveries-added.ts).
    if (added > 0) markDeliveriesAdded(ctx.manager);
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
