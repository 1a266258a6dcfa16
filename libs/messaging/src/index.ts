export * from './api';
export * from './runtime';
export * from './messaging.module';
export { InProcessBus, type BusBatchDelivery, type BusDelivery } from './bus/in-process-bus';
export { OutboxEventEntity } from './outbox/outbox-event.entity';
export { InboxEventEntity } from './inbox/inbox-event.entity';
export { DeadLetterEntity } from './inbox/dead-letter.entity';
export type { RetryPolicy } from './consumer/retry-policy';
export type { RelayOptions } from './outbox/outbox-relay';
export type { OutgoingEvent } from './transport';
export { createKafka, createProducer } from './kafka/kafka-client';
export {
  fromKafkaMessage,
  toKafkaMessage,
  UndecodableMessage,
  type ReceivedMessage,
} from './kafka/cloudevents';
export {
  ConsumerSupervisor,
  DEFAULT_RECOVERY,
  type ConsumerRecovery,
} from './kafka/consumer-supervisor';
