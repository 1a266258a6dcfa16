import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Topic } from './topics';

/** The context an event belongs to (`002_*`: an entity plus a database). */
export interface EventContext {
  entity: string;
  database?: string;
}

/**
 * A domain event as it travels: a CloudEvents 1.0 envelope (`id`, `type`, `source`, `time`,
 * `subject`) around validated JSON `data`. On Kafka the envelope fields are `ce_*` headers
 * (binary mode) and `data` is the message value; the key is the aggregate id (`subject`).
 */
export interface EventEnvelope<T = unknown> {
  id: string;
  type: string;
  source: string;
  time: string;
  /** The aggregate id; also the Kafka message key, so one aggregate's events stay in order. */
  subject: string;
  /** The entity of the context the event belongs to, when it has one (`ce_entity` extension). */
  entity?: string;
  /** W3C trace context of the request that caused it (`traceparent` header). */
  traceparent?: string;
  data: T;
}

export type PayloadClass<T> = new () => T;

export interface EventDefinition<T extends object = object> {
  readonly type: string;
  readonly topic: Topic;
  readonly payload: PayloadClass<T>;
  readonly description: string;
  /**
   * A realistic `data` of this type, shown to subscribers (`GET /api/v1/event-types`) and in the
   * AsyncAPI document. Every definition has one: a test validates each against the payload's
   * schema and class (catalogue.spec.ts).
   */
  readonly example?: NoInfer<T>;
}

const registry = new Map<string, EventDefinition>();

/** Declares an event type. Types are unique; the registry feeds the AsyncAPI document. */
export function defineEvent<T extends object>(def: EventDefinition<T>): EventDefinition<T> {
  if (registry.has(def.type)) throw new Error(`event type ${def.type} is defined twice`);
  registry.set(def.type, def as unknown as EventDefinition);
  return def;
}

export function eventDefinitions(): EventDefinition[] {
  return [...registry.values()];
}

export function eventDefinition(type: string): EventDefinition | undefined {
  return registry.get(type);
}

export class InvalidEventPayload extends Error {
  constructor(
    readonly type: string,
    readonly problems: string[],
  ) {
    super(`invalid ${type} payload: ${problems.join('; ')}`);
    this.name = 'InvalidEventPayload';
  }
}

/** Validates a payload against its event's class; returns a typed instance or throws. */
export function validatePayload<T extends object>(def: EventDefinition<T>, data: unknown): T {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InvalidEventPayload(def.type, ['data must be a JSON object']);
  }
  const instance = plainToInstance(def.payload, data);
  const errors = validateSync(instance as object, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new InvalidEventPayload(
      def.type,
      errors.flatMap((e) =>
        Object.values(e.constraints ?? { [e.property]: `${e.property} is invalid` }),
      ),
    );
  }
  return instance;
}
