import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { BaseEnv, SERVICE_NAME } from '@platform/config';
import { OutboxPublisher } from './api';
import { BusTransport } from './bus/bus-transport';
import { InProcessBus } from './bus/in-process-bus';
import { HandlerDiscovery } from './consumer/handler-discovery';
import { DeadLetterEntity } from './inbox/dead-letter.entity';
import { InboxEventEntity } from './inbox/inbox-event.entity';
import { KafkaTransport } from './kafka/kafka-transport';
import { MessagingLifecycle } from './messaging.lifecycle';
import { MessagingMetrics } from './messaging.metrics';
import { Messaging1700000000000 } from './messaging.migration';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import { TypeOrmOutboxPublisher } from './outbox/typeorm-outbox-publisher';
import { MessageTransport } from './transport';

export type { MessagingOptions } from './messaging.options';

/**
 * Events for one service: `OutboxPublisher` for writers, `@OnEvent` handlers for readers, the
 * outbox relay, and Kafka (`KAFKA_BROKERS`) or the in-process bus (`npm start`) in between.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions = {}): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        MessagingMetrics,
        {
          provide: MessageTransport,
          inject: [BaseEnv, SERVICE_NAME, DataSource, MessagingMetrics],
          useFactory: (
            env: BaseEnv,
            service: string,
            dataSource: DataSource,
            metrics: MessagingMetrics,
          ) => createTransport(options, env, service, dataSource, metrics),
        },
        { provide: OutboxPublisher, useClass: TypeOrmOutboxPublisher },
        HandlerDiscovery,
        MessagingLifecycle,
      ],
      exports: [OutboxPublisher],
    };
  }
}

function createTransport(
  options: MessagingOptions,
  env: BaseEnv,
  service: string,
  dataSource: DataSource,
  metrics: MessagingMetrics,
): MessageTransport {
  if (options.bus !== undefined && options.bus !== null) {
    if (!(options.bus instanceof InProcessBus)) {
      throw new Error('MessagingModule: `bus` must be an InProcessBus from @platform/messaging');
    }
    return new BusTransport(options.bus, dataSource, metrics);
  }
  if (env.kafkaBrokers.length > 0) {
    return new KafkaTransport(
      {
        brokers: env.kafkaBrokers,
        clientId: service,
        groupId: env.KAFKA_GROUP_ID ?? service,
        maxWaitTimeInMs: env.KAFKA_MAX_WAIT_MS,
      },
      metrics,
    );
  }
  throw new Error(
    `${service}: KAFKA_BROKERS is not set and no in-process bus was given: set KAFKA_BROKERS ` +
      '(comma-separated host:port) or run the whole platform with `npm start`',
  );
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const messagingMigrations: Function[] = [Messaging1700000000000];
export const messagingEntities: (new () => unknown)[] = [
  OutboxEventEntity,
  InboxEventEntity,
  DeadLetterEntity,
];
