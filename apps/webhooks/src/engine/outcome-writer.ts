import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WebhooksEnv } from '../config';
import { SubscriptionDisabler } from '../subscriptions/subscription-disabler';
import type { ClaimedDelivery } from './delivery-claimer';
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
 * The SQL of recording outcomes, in the caller's transaction: the attempt log rows and successes
 * in set-based statements (most outcomes are successes), each failure on its own — its backoff,
 * the subscription's health, and when it must stop (`410 Gone`, or 7 days of failures) its
 * disabling with a `webhook.disabled` event in the outbox.
 */
@Injectable()
export class OutcomeWriter {
  private readonly schedule: number[];

  constructor(
    env: WebhooksEnv,
    private readonly disabler: SubscriptionDisabler,
  ) {
    this.schedule = env.retrySchedule;
  }

  async write(m: EntityManager, outcomes: Outcome[]): Promise<void> {
    await this.logAttempts(m, outcomes);
    const successes = outcomes.filter((o) => isSuccess(o.r));
    if (successes.length > 0) await this.succeeded(m, successes);
    for (const o of outcomes) if (!isSuccess(o.r)) await this.failed(m, o);
  }

  private logAttempts(m: EntityManager, outcomes: Outcome[]): Promise<unknown> {
    const col = <T>(f: (o: Outcome) => T): T[] => outcomes.map(f);
    return m.query(
      `INSERT INTO webhook_attempts (delivery_id, subscription_id, attempt, started_at, status_code, latency_ms, error, response_body)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::text[], $8::text[])`,
      [
        col((o) => o.d.id),
        col((o) => o.d.subscriptionId),
        col((o) => o.d.attempts + 1),
        col((o) => o.r.startedAt),
        col((o) => o.r.statusCode ?? null),
        col((o) => o.r.latencyMs),
        col((o) => o.r.error ?? null),
        col((o) => o.r.responseBody ?? null),
      ],
    );
  }

  private async succeeded(m: EntityManager, outcomes: Outcome[]): Promise<void> {
    await m.query(
      `UPDATE webhook_deliveries d SET status = 'succeeded', attempts = d.attempts + 1, leased_until = NULL,
              last_status_code = u.code, last_error = NULL, completed_at = u.at
         FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS u(id, code, at)
        WHERE d.id = u.id AND d.status = 'pending'`,
      [
        outcomes.map((o) => o.d.id),
        outcomes.map((o) => o.r.statusCode),
        outcomes.map((o) => endOf(o.r)),
      ],
    );
    const latest = new Map<string, Date>();
    for (const o of outcomes) latest.set(o.d.subscriptionId, endOf(o.r));
    // One statement for the batch's subscriptions, and only those where something changes (it was
    // failing, or a second passed): a busy subscription's row would otherwise take a write per
    // batch and keep the claimers' SKIP LOCKED skipping it.
    await m.query(
      `UPDATE webhook_subscriptions s SET failing_since = NULL, failures_since_success = 0, last_success_at = u.at
         FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
        WHERE s.id = u.id AND (s.failures_since_success > 0 OR s.last_success_at IS NULL
                               OR s.last_success_at < u.at - interval '1 second')`,
      [[...latest.keys()], [...latest.values()]],
    );
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
    await m.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, leased_until = NULL, last_status_code = $2, last_error = $3,
              status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
              next_attempt_at = COALESCE($4::timestamptz, next_attempt_at),
              completed_at = CASE WHEN $4::timestamptz IS NULL THEN $5::timestamptz END
        WHERE id = $1 AND status = 'pending'`,
      [
        d.id,
        r.statusCode ?? null,
        r.error ?? null,
        delay === null ? null : new Date(now.getTime() + delay),
        now,
      ],
    );
    await this.updateHealth(m, d, r, now);
  }

  private async updateHealth(
    m: EntityManager,
    d: ClaimedDelivery,
    r: AttemptResult,
    now: Date,
  ): Promise<void> {
    const [rows] = (await m.query(
      `UPDATE webhook_subscriptions SET failing_since = COALESCE(failing_since, $2), failures_since_success = failures_since_success + 1
        WHERE id = $1 RETURNING failing_since, failures_since_success`,
      [d.subscriptionId, now],
    )) as [{ failing_since: Date; failures_since_success: number }[], number];
    const health = rows[0];
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
