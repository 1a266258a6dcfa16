import { schemaOf } from './asyncapi';
import { eventDefinitions, type EventDefinition } from './event';

/** One event type as subscribers see it (`GET /api/v1/event-types`, spec §9). */
export interface EventTypeDoc {
  type: string;
  description: string;
  /** The Kafka topic it travels on; null for a type only webhooks send (`webhook.test`). */
  topic: string | null;
  /** JSON Schema of `data`, read off the payload class (the AsyncAPI document has the same). */
  schema: Record<string, unknown>;
  /** An example `data`; valid against `schema` (catalogue.spec.ts checks every one). */
  example: unknown;
}

/** What a type needs to be documented: a domain event definition, or a delivery-only type. */
export type DocumentedType = Pick<
  EventDefinition,
  'type' | 'description' | 'payload' | 'example'
> & {
  topic?: string;
};

export function eventTypeDoc(def: DocumentedType): EventTypeDoc {
  return {
    type: def.type,
    description: def.description,
    topic: def.topic ?? null,
    schema: schemaOf(def.payload),
    example: def.example ?? null,
  };
}

/** Every domain event type of the catalogue, by type name. */
export function eventTypeDocs(): EventTypeDoc[] {
  return eventDefinitions()
    .sort((a, b) => a.type.localeCompare(b.type))
    .map(eventTypeDoc);
}
