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
