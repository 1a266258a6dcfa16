import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WebhooksEnv } from '../config';
import { DeliveriesRepository, type ClaimedDelivery } from '../deliveries/deliveries.repository';
import { SubscriptionDisabler } from '../subscriptions/subscription-disabler';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import { nextRetryDelay } from './retry-schedule';
import type { AttemptResult } from './webhook-sender';

/** Spec §6 / `004_*`: 7 days of nothing but failures disables a subscription… */
export const AUTO_DISABLE_AFTER_MS = 7 * 24 * 3_600_000;
/** …provided it failed at least this often (one lonely failure a week ago is no pattern). */
export const AUTO_DISABLE_MIN_FAILURES = 3;

export interface Outcome {
  d: ClaimedDelivery;
  r: AttemptResult;
  /** 0 ≤ random < 1, for the backoff's jitter. */
  random: number;
}

const isSuccess = (r: AttemptResult): boolean =>
  r.statusCode !== undefined && r.statusCode >= 200 && r.statusCode < 300;
const endOf = (r: AttemptResult): Date => new Date(r.startedAt.getTime() + r.latencyMs);

/**
 * Records outcomes in the caller's transaction: the attempt log rows and successes in set-based
 * statements (most outcomes are successes), each failure on its own — its backoff,
 * the subscription's health, and when it must stop (`410 Gone`, or 7 days of failures) its
 * disabling with a `webhook.disabled` event in the outbox.
 */
@Injectable()
export class OutcomeWriter {
  private readonly schedule: number[];

  constructor(
    env: WebhooksEnv,
    private readonly deliveries: DeliveriesRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly disabler: SubscriptionDisabler,
  ) {
    this.schedule = env.retrySchedule;
  }

  async write(outcomes: Outcome[], m: EntityManager): Promise<void> {
    await this.logAttempts(m, outcomes);
    const successes = outcomes.filter((o) => isSuccess(o.r));
    if (successes.length > 0) await this.succeeded(m, successes);
    for (const o of outcomes) if (!isSuccess(o.r)) await this.failed(m, o);
  }

  private logAttempts(m: EntityManager, outcomes: Outcome[]): Promise<void> {
    const col = <T>(f: (o: Outcome) => T): T[] => outcomes.map(f);
    return this.deliveries.logAttempts(
      {
        deliveryIds: col((o) => o.d.id),
        subscriptionIds: col((o) => o.d.subscriptionId),
        attempts: col((o) => o.d.attempts + 1),
        startedAt: col((o) => o.r.startedAt),
        statusCodes: col((o) => o.r.statusCode ?? null),
        latenciesMs: col((o) => o.r.latencyMs),
        errors: col((o) => o.r.error ?? null),
        responseBodies: col((o) => o.r.responseBody ?? null),
      },
      m,
    );
  }

  private async succeeded(m: EntityManager, outcomes: Outcome[]): Promise<void> {
    await this.deliveries.markSucceeded(
      outcomes.map((o) => o.d.id),
      outcomes.map((o) => o.r.statusCode),
      outcomes.map((o) => endOf(o.r)),
      m,
    );
    const latest = new Map<string, Date>();
    for (const o of outcomes) latest.set(o.d.subscriptionId, endOf(o.r));
    await this.subscriptions.noteSuccesses(latest, m);
  }

  private async failed(m: EntityManager, { d, r, random }: Outcome): Promise<void> {
    const now = endOf(r);
    const attempt = d.attempts + 1;
    const delay =
      r.statusCode === 410
        ? null
        : nextRetryDelay({
            attempts: attempt,
            schedule: this.schedule,
            retryAfterMs: r.retryAfterMs,
            random,
          });
    // Due again after the backoff, or given up on (`failed`) when the schedule is used up or on a 410.
    await this.deliveries.markFailed(
      d.id,
      { statusCode: r.statusCode ?? null, error: r.error ?? null },
      delay === null ? null : new Date(now.getTime() + delay),
      now,
      m,
    );
    await this.updateHealth(m, d, r, now);
  }

  private async updateHealth(
    m: EntityManager,
    d: ClaimedDelivery,
    r: AttemptResult,
    now: Date,
  ): Promise<void> {
    const health = await this.subscriptions.noteFailure(d.subscriptionId, now, m);
    if (r.statusCode === 410) {
      await this.disabler.disable(d.subscriptionId, 'the receiver answered 410 Gone', false, m);
    } else if (
      health &&
      now.getTime() - health.failing_since.getTime() >= AUTO_DISABLE_AFTER_MS &&
      health.failures_since_success >= AUTO_DISABLE_MIN_FAILURES
    ) {
      await this.disabler.disable(d.subscriptionId, 'every attempt failed for 7 days', false, m);
    }
  }
}
