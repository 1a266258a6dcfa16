import {
  type AppMetrics,
  collectedGauge,
  LATENCY_BUCKETS,
  SpanKind,
  type SpanOptions,
} from '@platform/observability';
import type { ClaimedDelivery, DeliveriesRepository } from '../deliveries/deliveries.repository';
import type { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import type { SubscriptionEntity } from '../subscriptions/subscription.entity';

import type { AttemptResult } from './webhook-sender';

/** How one HTTP attempt ended, as a bounded label. */
export type AttemptOutcome =
  'success' | 'http_4xx' | 'http_5xx' | 'http_other' | 'timeout' | 'error';

export function attemptOutcome(r: AttemptResult): AttemptOutcome {
  const code = r.statusCode;
  if (code === undefined) return r.error?.startsWith('timed out') ? 'timeout' : 'error';
  if (code >= 200 && code < 300) return 'success';
  if (code >= 400 && code < 500) return 'http_4xx';
  if (code >= 500 && code < 600) return 'http_5xx';
  return 'http_other';
}

/** The span of one attempt: a child of the event's consumer span, parent of the POST. */
export function deliverySpan(s: SubscriptionEntity, d: ClaimedDelivery): SpanOptions {
  return {
    kind: SpanKind.PRODUCER,
    attributes: {
      'platform.service': 'webhooks',
      'webhook.subscription.id': s.id,
      'webhook.delivery.id': d.id,
      'webhook.attempt': d.attempts + 1,
      'messaging.message.id': d.eventId,
      'cloudevents.event_type': d.eventType,
    },
  };
}

/**
 * The webhooks engine's series: every attempt by outcome with its latency, and (read when
 * scraped) subscriptions by status — `disabled` are those the platform turned off (410, or 7
 * days of failures) — and the deliveries waiting, with how late the most overdue one is.
 */
export class DeliveryMetrics {
  private readonly attempts;

  constructor(
    metrics: AppMetrics,
    subscriptions: SubscriptionsRepository,
    deliveries: DeliveriesRepository,
  ) {
    this.attempts = metrics.histogram({
      name: 'webhook_delivery_attempt_duration_seconds',
      help: 'Webhook delivery attempts (HTTP POSTs to receivers) by outcome, with their latency',
      labelNames: ['outcome'] as const,
      buckets: LATENCY_BUCKETS,
    });
    collectedGauge(
      metrics,
      {
        name: 'webhook_subscriptions',
        help: 'Webhook subscriptions by status (active, inactive, disabled)',
        labelNames: ['status'] as const,
      },
      async () => {
        const rows = await subscriptions.countByStatus();
        return rows.map((r) => ({ labels: { status: r.status }, value: r.n }));
      },
    );
    collectedGauge(
      metrics,
      {
        name: 'webhook_deliveries_pending',
        help: 'Deliveries not yet succeeded nor given up on (due now or retrying later)',
      },
      async () => {
        return [{ value: await deliveries.countPending() }];
      },
    );
  }

  attempted(result: AttemptResult): void {
    this.attempts.observe({ outcome: attemptOutcome(result) }, result.latencyMs / 1000);
  }
}
