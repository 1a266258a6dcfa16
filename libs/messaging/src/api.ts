import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventDefinition, EventEnvelope } from '@platform/contracts';

/** An event about to be written to the outbox. */
export interface EventDraft<T extends object = object> {
  definition: EventDefinition<T>;
  /** The aggregate id: the Kafka key, so one aggregate's events keep their order. */
  subject: string;
  data: T;
  /** The entity of the event's context, when it has one. */
  entity?: string;
  /** Defaults to a new UUID. */
  id?: string;
  /** Defaults to now. */
  time?: Date;
  /** W3C trace context of the request that caused the event (travels as the `traceparent` header). */
  traceparent?: string;
}

export function draft<T extends object>(
  definition: EventDefinition<T>,
  subject: string,
  data: T,
  options: { entity?: string; id?: string; time?: Date; traceparent?: string } = {},
): EventDraft<T> {
  return { definition, subject, data, ...options };
}

/**
 * Writes events into the service's outbox table inside the caller's transaction: the event
 * exists if and only if the change it describes was committed. A relay publishes it later.
 */
export abstract class OutboxPublisher {
  abstract add(manager: EntityManager, ...events: EventDraft[]): Promise<void>;
}

/** What a handler gets besides the event: the transaction its inbox row is written in. */
export interface ConsumeContext {
  /** Work done through this manager commits atomically with the "processed" mark. */
  manager: EntityManager;
  /** 1 on first delivery; higher on redelivery after a failure. */
  attempt: number;
}

export type EventHandler<T = unknown> = (
  event: EventEnvelope<T>,
  ctx: ConsumeContext,
) => Promise<void>;

export const ON_EVENT = 'platform:on-event';

/**
 * Marks a provider method as the consumer of one event type. The service's consumer group
 * processes each event id once (inbox), in order per aggregate; a handler that keeps failing
 * sends the event to the dead-letter topic instead of blocking its partition.
 */
export const OnEvent = (definition: EventDefinition): MethodDecorator =>
  SetMetadata(ON_EVENT, definition);

/**
 * A handler that takes several events in one transaction (ADR 0025): the events of one Kafka
 * fetch of a partition, or of one relay batch on the in-process bus, that are new to the inbox,
 * in their order (per aggregate, the order they were published in). Each event's `traceparent`
 * is that of its own `process <type>` span, so work recorded for it continues its trace.
 */
export type EventBatchHandler<T = unknown> = (
  events: EventEnvelope<T>[],
  ctx: ConsumeContext,
) => Promise<void>;

export const ON_EVENT_BATCH = 'platform:on-event-batch';

/**
 * Marks a provider method as the consumer of batches of the given event types: the inbox marks
 * of a whole batch and the method's writes commit in one transaction, and the offsets after it
 * (at least once, per-key order and the inbox's dedupe are unchanged). If the method throws, the
 * batch is rolled back and its events are processed one by one (retries, dead letters), the
 * method being called with one event at a time. A type that also has `@OnEvent` handlers is
 * always processed one event at a time.
 */
export const OnEventBatch = (definitions: EventDefinition[]): MethodDecorator =>
  SetMetadata(ON_EVENT_BATCH, definitions);
