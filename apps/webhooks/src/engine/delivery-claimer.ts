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
    return this.dataSource.transaction(async (m) => {
      const due = await this.lockDueSubscriptions(m, now);
      const share = fairShare(capacity, due.length);
      const claimed: ClaimedDelivery[] = [];
      for (const s of due) {
        const left = capacity - claimed.length;
        if (left <= 0) break;
        const rate = rateAllowance(s.rate_log, limitOf(s), now);
        const n = Math.min(share, left, maxInFlight - Number(s.in_flight), rate.allowed);
        if (n <= 0) continue;
        const rows = await this.claimFor(m, s, now, n);
        claimed.push(...rows);
        const log = limitOf(s) ? [...rate.kept, ...rows.map(() => now)] : [];
        await m.query(
          'UPDATE webhook_subscriptions SET last_claimed_at = $2, rate_log = $3 WHERE id = $1',
          [s.id, now, log],
        );
      }
      return claimed;
    });
  }

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
        FOR UPDATE OF s SKIP LOCKED`,
      [now],
    );
  }

  private async claimFor(
    m: EntityManager,
    s: DueSubscription,
    now: Date,
    n: number,
  ): Promise<ClaimedDelivery[]> {
    const leaseEnd = new Date(now.getTime() + s.timeout_ms + LEASE_MARGIN_MS);
    const [rows] = (await m.query(
      `UPDATE webhook_deliveries SET next_attempt_at = $3, leased_until = $3
        WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE subscription_id = $1 AND status = 'pending' AND next_attempt_at <= $2
                      ORDER BY next_attempt_at LIMIT $4
                      FOR UPDATE SKIP LOCKED)
        RETURNING id, event_id, event_type, body, attempts, traceparent`,
      [s.id, now, leaseEnd, n],
    )) as [
      {
        id: string;
        event_id: string;
        event_type: string;
        body: string;
        attempts: number;
        traceparent: string | null;
      }[],
      number,
    ];
    return rows.map((r) => ({
      id: r.id,
      subscriptionId: s.id,
      eventId: r.event_id,
      eventType: r.event_type,
      body: r.body,
      attempts: r.attempts,
      traceparent: r.traceparent,
    }));
  }
}

function limitOf(s: DueSubscription): { requests: number; perSeconds: number } | null {
  return s.rate_limit_requests && s.rate_limit_per_seconds
    ? { requests: s.rate_limit_requests, perSeconds: s.rate_limit_per_seconds }
    : null;
}
