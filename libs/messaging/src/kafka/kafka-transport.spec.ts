import { Logger } from '@nestjs/common';
import { AppMetrics } from '@platform/observability';
import type { DataSource } from 'typeorm';
import { MessagingMetrics } from '../messaging.metrics';
import { KafkaTransport } from './kafka-transport';

describe('KafkaTransport', () => {
  afterEach(() => jest.restoreAllMocks());

  // kafkajs warns of its v2 partitioner change on the first producer made without one; an
  // operator cannot act on it, and it looked like a fault in every service's first log lines.
  it('creates its producer without the kafkajs partitioner notice', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    new KafkaTransport(
      {
        brokers: ['127.0.0.1:9'],
        clientId: 'partitioner-probe',
        groupId: 'partitioner-probe',
        maxWaitTimeInMs: 100,
      },
      // Never scraped here, so its data source is never read.
      new MessagingMetrics(new AppMetrics('partitioner-probe'), {} as DataSource),
    );
    expect(warn.mock.calls.flat().join('\n')).not.toMatch(/partitioner/i);
  });
});
