import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
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
export interface DisabledSubscription {
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

/** Every query of `webhook_subscriptions` made for the API and the owner-revocation handlers. */
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
