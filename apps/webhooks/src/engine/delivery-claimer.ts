import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliveriesRepository, type ClaimedDelivery } from '../deliveries/deliveries.repository';
import {
  SubscriptionsRepository,
  type DueSubscription,
} from '../subscriptions/subscriptions.repository';
import { fairShare, rateAllowance } from './rate-window';

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
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  claim(now: Date, capacity: number, maxInFlight: number): Promise<ClaimedDelivery[]> {
    if (capacity <= 0) return Promise.resolve([]);
    return this.deliveries.transaction((m) => this.claimIn(now, capacity, maxInFlight, m));
  }

  /** The same, in the caller's transaction (the worker's round also records outcomes in it). */
  async claimIn(
    now: Date,
    capacity: number,
    maxInFlight: number,
    m: EntityManager,
  ): Promise<ClaimedDelivery[]> {
    if (capacity <= 0) return [];
    const due = await this.subscriptions.findDueForUpdate(now, SUBSCRIPTIONS_PER_ROUND, m);
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
    const claimed = await this.deliveries.claim(
      plan.map((p) => ({
        subscriptionId: p.s.id,
        n: p.n,
        leaseEnd: new Date(now.getTime() + p.s.timeout_ms + LEASE_MARGIN_MS),
      })),
      now,
      m,
    );
    await this.noteClaims(plan, claimed, now, m);
    return claimed;
  }

  /** Least recently served goes first next round; rate-limited ones log their claims. */
  private async noteClaims(
    plan: Planned[],
    claimed: ClaimedDelivery[],
    now: Date,
    m: EntityManager,
  ): Promise<void> {
    await this.subscriptions.noteClaimed(
      plan.map((p) => p.s.id),
      now,
      m,
    );
    for (const p of plan) {
      if (!limitOf(p.s)) continue;
      const n = claimed.filter((c) => c.subscriptionId === p.s.id).length;
      await this.subscriptions.setRateLog(
        p.s.id,
        [...p.kept, ...Array.from({ length: n }, () => now)],
        m,
      );
    }
  }
}

interface Planned {
  s: DueSubscription;
  n: number;
  /** The rate log's entries still inside the window (rate-limited subscriptions). */
  kept: Date[];
}

function limitOf(s: DueSubscription): { requests: number; perSeconds: number } | null {
  return s.rate_limit_requests && s.rate_limit_per_seconds
    ? { requests: s.rate_limit_requests, perSeconds: s.rate_limit_per_seconds }
    : null;
}
