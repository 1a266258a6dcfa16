import type { RetryPolicy } from './consumer/retry-policy';
import type { RelayOptions } from './outbox/outbox-relay';

export interface MessagingOptions {
  /** The in-process bus of `npm start` (an `InProcessBus`); when absent, KAFKA_BROKERS must be set. */
  bus?: unknown;
  /** Consumer retries before an event is dead-lettered (default 5 attempts, 200 ms doubling to 5 s). */
  retry?: Partial<RetryPolicy>;
  /** Outbox relay tuning (default poll 50 ms, batch 500, leader retry 1 s, backoff 100 ms doubling to 10 s). */
  relay?: Partial<Omit<RelayOptions, 'backoff'>> & { backoff?: Partial<RetryPolicy> };
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
