export * from './api';
export * from './runtime';
export * from './messaging.module';
export { InProcessBus } from './bus/in-process-bus';
export { createKafka, createProducer } from './kafka/kafka-client';
export { fromKafkaMessage, toKafkaMessage } from './kafka/cloudevents';
export { ConsumerSupervisor } from './kafka/consumer-supervisor';
