/** One event type a subscription may name (spec §9). */
export class EventTypeResponse {
  /** The type, e.g. `user.created`; a subscription's `actions` name it. */
  type: string;
  description: string;
  /** The Kafka topic it travels on; null for a type only webhooks send (`webhook.test`). */
  topic: string | null;
  /** JSON Schema of the delivery's `data`. */
  schema: Record<string, unknown>;
  /** An example `data`, valid against `schema`. */
  example: Record<string, unknown>;
}

export class EventTypesResponse {
  /** Every type a subscription may name, sorted by type, then `webhook.test`. */
  content: EventTypeResponse[];
}
