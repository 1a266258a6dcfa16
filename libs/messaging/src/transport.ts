import type { EventDefinition, EventEnvelope } from '@platform/contracts';
import type { EventProcessor } from './consumer/event-processor';

/** An outbox row on its way out: the CloudEvents envelope plus the topic it goes to. */
export interface OutgoingEvent extends EventEnvelope<object> {
  topic: string;
}

/** What a service consumes: its consumer group, the event types its handlers declare, and how. */
export interface ConsumerRegistration {
  group: string;
  definitions: EventDefinition[];
  processor: EventProcessor;
}

/**
 * Carries events between services: Kafka when `KAFKA_BROKERS` is set, the in-process bus of
 * `npm start` otherwise. Both keep the same guarantees (see docs/messaging.md).
 */
export abstract class MessageTransport {
  abstract readonly kind: 'kafka' | 'in-process';
  /** False while the transport must not be handed events yet (the bus before `start()`). */
  abstract canPublish(): boolean;
  /** Resolves only when every event was acknowledged; events of one subject stay in order. */
  abstract publish(events: OutgoingEvent[]): Promise<void>;
  abstract subscribe(registration: ConsumerRegistration): Promise<void>;
  /** Throws when the transport is unusable; feeds `/health/ready`. */
  abstract checkReady(): Promise<void>;
  abstract close(): Promise<void>;
}
