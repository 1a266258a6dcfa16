import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { fairShare, rateAllowance } from './rate-window';

export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  body: string;
  /** Attempts before this one. */
  attempts: number;
  /** The trace context of the event (W3C), when it belongs to a trace. */
  traceparent?: string | null;
}

interface DueSubscription {
  id: string;
  rate_limit_requests: number | null;
  rate_limit_per_seconds: number | null;
  rate_log: Date[];
  timeout_ms: number;
  in_flight: string;
}

/** Time past the HTTP timeout before a claimed delivery counts as abandoned (crashed worker). */
const LEASE_MARGIN_MS = 15_000;
/** Subscriptions looked at per claim round. */
const SUBSCRIPTIONS_PER_ROUND = 100;

/**
 * Claims due deliveries for one worker. Subscriptions are locked `FOR UPDATE SKIP LOCKED`, so
 * workers of several instances share them without waiting on each other, and while a worker holds
 * one it alone decides that subscription's in-flight count and rate window — both limits hold
 * across instances. The least recently served subscriptions go first and each gets an equal share
 * of the free slots, so one subscription's backlog never starves another. A claim is a lease:
 * `next_attempt_at` moves to the lease end, so a worker that dies leaves the delivery due again.
 */
@Injectable()
export class DeliveryClaimer {
  constructor(private readonly dataSource: DataSource) {}

  claim(now: Date, capacity: number, maxInFlight: number): Promise<ClaimedDelivery[]> {
    if (capacity <= 0) return Promise.resolve([]);
    return this.dataSource.transaction((m) => this.claimIn(m, now, capacity, maxInFlight));
  }

  /** The same, in the caller's transaction (the worker's round also records outcomes in it). */
  async claimIn(
    m: EntityManager,
    now: Date,
    capacity: number,
    maxInFlight: number,
  ): Promise<ClaimedDelivery[]> {
    if (capacity <= 0) return [];
    const due = await this.lockDueSubscriptions(m, now);
    const share = fairShare(capacity, due.length);
    const plan: Planned[] = [];
    let left = capacity;
    for (const s of due) {
      if (left <= 0) break;
      const rate = rateAllowance(s.rate_log, limitOf(s), now);
      const n = Math.min(share, left, maxInFlight - Number(s.in_flight), rate.allowed);
      if (n <= 0) continue;
      plan.push({ s, n, kept: rate.kept });
      left -= n;
    }
    if (plan.length === 0) return [];
    const claimed = await this.claimPlanned(m, plan, now);
    await this.noteClaims(m, plan, claimed, now);
    return claimed;
  }

  /**
   * Subscriptions are locked `FOR NO KEY UPDATE`: it excludes other claimers just as well, but not
   * the feed's inserts of new deliveries, whose foreign key takes a KEY SHARE lock on the
   * subscription — with `FOR UPDATE`, every subscription receiving events looked locked to
   * `SKIP LOCKED` and the claimer found nothing to do while the feed was busy.
   */
  private lockDueSubscriptions(m: EntityManager, now: Date): Promise<DueSubscription[]> {
    return m.query(
      `SELECT s.id, s.rate_limit_requests, s.rate_limit_per_seconds, s.rate_log, s.timeout_ms,
              (SELECT count(*) FROM webhook_deliveries l
                WHERE l.subscription_id = s.id AND l.status = 'pending' AND l.leased_until > $1) AS in_flight
         FROM webhook_subscriptions s
        WHERE s.status = 'active'
          AND EXISTS (SELECT 1 FROM webhook_deliveries d
                       WHERE d.subscription_id = s.id AND d.status = 'pending' AND d.next_attempt_at <= $1)
        ORDER BY s.last_claimed_at ASC NULLS FIRST
        LIMIT ${SUBSCRIPTIONS_PER_ROUND}
        FOR NO KEY UPDATE OF s SKIP LOCKED`,
      [now],
    );
  }

  /** One statement for every planned subscription: its `n` oldest due deliveries, leased. */
  private async claimPlanned(
    m: EntityManager,
    plan: Planned[],
    now: Date,
  ): Promise<ClaimedDelivery[]> {
    const [rows] = (await m.query(
      `UPDATE webhook_deliveries d SET next_attempt_at = c.lease_end, leased_until = c.lease_end
         FROM (SELECT x.id, q.lease_end
                 FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS q(subscription_id, n, lease_end)
                 CROSS JOIN LATERAL (
                   SELECT id FROM webhook_deliveries
                    WHERE subscription_id = q.subscription_id AND status = 'pending' AND next_attempt_at <= $4
                    ORDER BY next_attempt_at LIMIT q.n
                    FOR NO KEY UPDATE SKIP LOCKED) x) c
        WHERE d.id = c.id
        RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.body, d.attempts, d.traceparent`,
      [
        plan.map((p) => p.s.id),
        plan.map((p) => p.n),
        plan.map((p) => new Date(now.getTime() + p.s.timeout_ms + LEASE_MARGIN_MS)),
        now,
      ],
    )) as [ClaimedRow[], number];
    return rows.map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      eventId: r.event_id,
      eventType: r.event_type,
      body: r.body,
      attempts: r.attempts,
      traceparent: r.traceparent,
    }));
  }

  /** Least recently served goes first next round; rate-limited ones log their claims. */
  private async noteClaims(
    m: EntityManager,
    plan: Planned[],
    claimed: ClaimedDelivery[],
    now: Date,
  ): Promise<void> {
    await m.query(
      'UPDATE webhook_subscriptions SET last_claimed_at = $2 WHERE id = ANY($1::uuid[])',
      [plan.map((p) => p.s.id), now],
    );
    for (const p of plan) {
      if (!limitOf(p.s)) continue;
      const n = claimed.filter((c) => c.subscriptionId === p.s.id).length;
      await m.query('UPDATE webhook_subscriptions SET rate_log = $2 WHERE id = $1', [
        p.s.id,
        [...p.kept, ...Array.from({ length: n }, () => now)],
      ]);
    }
  }
}

interface Planned {
  s: DueSubscription;
  n: number;
  /** The rate log's entries still inside the window (rate-limited subscriptions). */
  kept: Date[];
}

interface ClaimedRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  traceparent: string | null;
}

function limitOf(s: DueSubscription): { requests: number; perSeconds: number } | null {
  return s.rate_limit_requests && s.rate_limit_per_seconds
    ? { requests: s.rate_limit_requests, perSeconds: s.rate_limit_per_seconds }
    : null;
}
