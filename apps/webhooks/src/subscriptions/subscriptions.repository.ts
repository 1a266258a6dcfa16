import { Injectable } from '@nestjs/common';
import {
  DataSource,
  In,
  type EntityManager,
  type Repository,
  type SelectQueryBuilder,
} from 'typeorm';
import { paginate, type AllowList, type ListQuery, type Page } from '@platform/http';
import type { OwnerScope } from './owner-scope';
import { SubscriptionEntity } from './subscription.entity';

const FIELDS: AllowList = {
  id: { column: 's.id', type: 'uuid' },
  /** The types as one text (`a,b`): `action = 'x'` finds the subscriptions of exactly type x. */
  action: { column: "array_to_string(s.actions, ',')", type: 'string', sortable: false },
  status: { column: 's.status', type: 'string' },
  postbackUrl: { column: 's.postbackUrl', type: 'string' },
  techOwnerName: { column: 's.techOwnerName', type: 'string' },
  techOwnerEmail: { column: 's.techOwnerEmail', type: 'string' },
  createdAt: { column: 's.createdAt', type: 'timestamp' },
  updatedAt: { column: 's.updatedAt', type: 'timestamp' },
};

/** A subscription's columns `webhook.disabled` tells (SubscriptionDisabler). */
interface DisabledSubscription {
  id: string;
  actions: string[];
  postback_url: string;
  tech_owner_email: string;
  tech_owner_name: string;
  owner_user_id: string | null;
  owner_entity: string | null;
  owner_database: string | null;
}

/** Whose subscriptions end with an owner's right to them (OwnerRevocation). */
export type EndedOwner =
  | { kind: 'access'; user: string; entity: string; database: string }
  | { kind: 'user'; user: string }
  | { kind: 'client'; clientId: string };

/** A subscription with due deliveries, locked for one claim round (the delivery engine). */
export interface DueSubscription {
  id: string;
  rate_limit_requests: number | null;
  rate_limit_per_seconds: number | null;
  rate_log: Date[];
  timeout_ms: number;
  in_flight: string;
}

/**
 * Every query of `webhook_subscriptions`: the API's, the owner-revocation handlers' and the
 * delivery engine's bookkeeping (claims, rate logs, health), whose statements stay set-based and
 * in the caller's transaction (ADR 0025).
 */
@Injectable()
export class SubscriptionsRepository {
  private readonly repo: Repository<SubscriptionEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(SubscriptionEntity);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  list(scope: OwnerScope, query: ListQuery): Promise<Page<SubscriptionEntity>> {
    return paginate(this.scoped(this.repo.createQueryBuilder('s'), scope), query, FIELDS);
  }

  /** The subscription if the caller's scope owns it; null otherwise (the use case answers 404). */
  find(scope: OwnerScope, id: string, manager?: EntityManager): Promise<SubscriptionEntity | null> {
    return this.scoped(this.byId(id, manager), scope).getOne();
  }

  /** The same, its row locked until the transaction ends. */
  findForUpdate(
    scope: OwnerScope,
    id: string,
    manager: EntityManager,
  ): Promise<SubscriptionEntity | null> {
    return this.scoped(this.byId(id, manager).setLock('pessimistic_write'), scope).getOne();
  }

  async insert(s: SubscriptionEntity, manager: EntityManager): Promise<void> {
    await manager.getRepository(SubscriptionEntity).insert(s);
  }

  async save(s: SubscriptionEntity, manager: EntityManager): Promise<void> {
    await manager.getRepository(SubscriptionEntity).save(s);
  }

  /** Its deliveries go with it (ON DELETE CASCADE). */
  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(SubscriptionEntity).delete({ id });
  }

  /** Disables one not yet disabled; null when it was (or is gone). */
  async disable(
    id: string,
    reason: string,
    manager: EntityManager,
  ): Promise<DisabledSubscription | null> {
    const [rows] = (await manager.query(
      `UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = $2, updated_at = now()
        WHERE id = $1 AND status <> 'disabled'
        RETURNING id, actions, postback_url, tech_owner_email, tech_owner_name, owner_user_id, owner_entity, owner_database`,
      [id, reason],
    )) as [DisabledSubscription[], number];
    return rows[0] ?? null;
  }

  /** The ids of the subscriptions still enabled that `owner` held, their rows locked. */
  async findEnabledOfOwnerForUpdate(owner: EndedOwner, manager: EntityManager): Promise<string[]> {
    const [where, params] = ownerCondition(owner);
    const rows = (await manager.query(
      `SELECT id FROM webhook_subscriptions WHERE status <> 'disabled' AND ${where} ORDER BY id FOR UPDATE`,
      params,
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The sending engine's view of the subscriptions it claimed deliveries of. */
  findByIds(ids: string[]): Promise<SubscriptionEntity[]> {
    return this.repo.findBy({ id: In(ids) });
  }

  /**
   * The least recently served active subscriptions with due deliveries, `limit` at most, each
   * with its deliveries in flight, locked for this claim round. `FOR NO KEY UPDATE`: it excludes
   * other claimers just as well, but not the feed's inserts of new deliveries, whose foreign key
   * takes a KEY SHARE lock on the subscription — with `FOR UPDATE`, every subscription receiving
   * events looked locked to `SKIP LOCKED` and the claimer found nothing to do while the feed was
   * busy.
   */
  findDueForUpdate(now: Date, limit: number, manager: EntityManager): Promise<DueSubscription[]> {
    return manager.query(
      `SELECT s.id, s.rate_limit_requests, s.rate_limit_per_seconds, s.rate_log, s.timeout_ms,
              (SELECT count(*) FROM webhook_deliveries l
                WHERE l.subscription_id = s.id AND l.status = 'pending' AND l.leased_until > $1) AS in_flight
         FROM webhook_subscriptions s
        WHERE s.status = 'active'
          AND EXISTS (SELECT 1 FROM webhook_deliveries d
                       WHERE d.subscription_id = s.id AND d.status = 'pending' AND d.next_attempt_at <= $1)
        ORDER BY s.last_claimed_at ASC NULLS FIRST
        LIMIT ${limit}
        FOR NO KEY UPDATE OF s SKIP LOCKED`,
      [now],
    );
  }

  /** Least recently served goes first next round. */
  async noteClaimed(ids: string[], now: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE webhook_subscriptions SET last_claimed_at = $2 WHERE id = ANY($1::uuid[])',
      [ids, now],
    );
  }

  async setRateLog(id: string, rateLog: Date[], manager: EntityManager): Promise<void> {
    await manager.query('UPDATE webhook_subscriptions SET rate_log = $2 WHERE id = $1', [
      id,
      rateLog,
    ]);
  }

  /**
   * Healthy again at the given instants. One statement for the batch's subscriptions, and only
   * those where something changes (it was failing, or a second passed): a busy subscription's
   * row would otherwise take a write per batch and keep the claimers' SKIP LOCKED skipping it.
   */
  async noteSuccesses(latest: Map<string, Date>, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE webhook_subscriptions s SET failing_since = NULL, failures_since_success = 0, last_success_at = u.at
         FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
        WHERE s.id = u.id AND (s.failures_since_success > 0 OR s.last_success_at IS NULL
                               OR s.last_success_at < u.at - interval '1 second')`,
      [[...latest.keys()], [...latest.values()]],
    );
  }

  /** One more failure; the health after it. */
  async noteFailure(
    id: string,
    now: Date,
    manager: EntityManager,
  ): Promise<{ failing_since: Date; failures_since_success: number } | undefined> {
    const [rows] = (await manager.query(
      `UPDATE webhook_subscriptions SET failing_since = COALESCE(failing_since, $2), failures_since_success = failures_since_success + 1
        WHERE id = $1 RETURNING failing_since, failures_since_success`,
      [id, now],
    )) as [{ failing_since: Date; failures_since_success: number }[], number];
    return rows[0];
  }

  /** Subscriptions by status (a gauge, read when scraped). */
  countByStatus(): Promise<{ status: string; n: number }[]> {
    return this.dataSource.query(
      'SELECT status, count(*)::int AS n FROM webhook_subscriptions GROUP BY status',
    );
  }

  private byId(id: string, manager?: EntityManager): SelectQueryBuilder<SubscriptionEntity> {
    return (manager ?? this.repo.manager)
      .getRepository(SubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.id = :id', { id });
  }

  private scoped(
    qb: SelectQueryBuilder<SubscriptionEntity>,
    scope: OwnerScope,
  ): SelectQueryBuilder<SubscriptionEntity> {
    return scope.kind === 'platform'
      ? qb.andWhere('s.ownerEntity IS NULL')
      : qb.andWhere('s.ownerEntity = :entity AND s.ownerDatabase = :database', {
          entity: scope.entity,
          database: scope.database,
        });
  }
}

function ownerCondition(owner: EndedOwner): [string, string[]] {
  switch (owner.kind) {
    case 'access':
      return [
        'owner_user_id = $1 AND owner_entity = $2 AND owner_database = $3',
        [owner.user, owner.entity, owner.database],
      ];
    case 'user':
      return ['owner_user_id = $1', [owner.user]];
    case 'client':
      return ['owner_client_id = $1 AND owner_user_id IS NULL', [owner.clientId]];
  }
}
