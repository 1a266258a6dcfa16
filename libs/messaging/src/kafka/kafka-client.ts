import { Logger } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, type LogEntry, type Producer } from 'kafkajs';

/** kafkajs with its log lines routed to the service's (pino-backed) Nest logger. */
export function createKafka(clientId: string, brokers: string[]): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 5_000 },
    requestTimeout: 10_000,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const line = `${message} ${JSON.stringify(extra)}`;
        if (level === logLevel.ERROR) logger.error(line);
        else logger.warn(line);
      },
  });
}

/**
 * The platform's producer (ADR 0004): acks are asked per send, one request in flight so a
 * retried batch cannot overtake the next one, and no idempotent producer (not every
 * Kafka-protocol broker supports it; the consumers' inboxes make redelivery harmless).
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    // kafkajs 2's own default (murmur2, as the Java client), named: without it kafkajs warns
    // at every start that its default changed in 2.0, which no operator can act on.
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: false,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: true,
  });
}
