import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager } from 'typeorm';
import { TransactionalRepository } from '../shared/transactional.repository';
import type { ClientKind, GrantType } from './client-kinds';
import type { ClientOwner } from './client-owner';
import { ClientEntity } from './client.entity';

/** A row of `oauth_clients` as pg returns it (jsonb parsed, timestamptz as Date, int4 as number). */
export interface ClientRow {
  id: string;
  name: string;
  kind: ClientKind;
  secret_hash: string | null;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  scopes: string[];
  grant_types: GrantType[];
  access_token_ttl: number | null;
  refresh_tokens: boolean;
  license_id: string | null;
  license_bound_at: Date | null;
  owner_entity: string | null;
  owner_database: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The slice of pg's Pool used here (TypeORM's Postgres driver keeps it as `driver.master`). */
interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: ClientRow[] }>;
}

/**
 * A named statement: pg prepares it once per pooled connection and then sends only its
 * parameters. `ClientEntity`'s columns, every one of them, as `ClientRows.toEntity` maps them.
 */
export const CLIENT_ROWS_QUERY = {
  name: 'oauth_client_rows_by_id',
  text:
    'SELECT id, name, kind, secret_hash, redirect_uris, post_logout_redirect_uris, scopes, ' +
    'grant_types, access_token_ttl, refresh_tokens, license_id, license_bound_at, owner_entity, ' +
    'owner_database, created_at, updated_at FROM oauth_clients WHERE id = ANY($1::text[])',
} as const;

export interface BrowserClientRow {
  id: string;
  kind: string;
  redirect_uris: string[];
  updated_at: Date;
}

export interface LicensedClientRow {
  id: string;
  license_id: string;
  license_bound_at: Date | null;
  updated_at: Date;
}

/** Every query of `oauth_clients`. */
@Injectable()
export class ClientsRepository extends TransactionalRepository {
  /**
   * The rows of these ids, with the prepared statement sent straight to pg's pool (ADR 0024):
   * TypeORM's query builder, query runner and entity mapping cost more than the query itself on
   * the token endpoint's path. ClientRows batches the ids (ADR 0020).
   */
  async rowsByIds(ids: string[]): Promise<ClientRow[]> {
    const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
    const { rows } = await pool.query({ ...CLIENT_ROWS_QUERY, values: [ids] });
    return rows;
  }

  /** A new entity (not stored): `insert` it. */
  build(values: DeepPartial<ClientEntity>): ClientEntity {
    return this.dataSource.getRepository(ClientEntity).create(values);
  }

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ClientEntity | null> {
    return manager.findOneBy(ClientEntity, { id });
  }

  /** The client when the owner's context owns it; null for another context's, as for none. */
  findOfOwner(id: string, owner: ClientOwner): Promise<ClientEntity | null> {
    return this.dataSource.manager.findOneBy(ClientEntity, {
      id,
      ownerEntity: owner.entity,
      ownerDatabase: owner.database,
    });
  }

  exists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(ClientEntity, { id });
  }

  count(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.count(ClientEntity);
  }

  list(): Promise<ClientEntity[]> {
    return this.dataSource.manager.find(ClientEntity, { order: { createdAt: 'ASC' } });
  }

  listOfOwner(owner: ClientOwner): Promise<ClientEntity[]> {
    return this.dataSource.manager.find(ClientEntity, {
      where: { ownerEntity: owner.entity, ownerDatabase: owner.database },
      order: { createdAt: 'ASC' },
    });
  }

  /** True when some client registered this redirect URI (as given, or as resolved). */
  async anyRedirectUri(target: string | undefined, href: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM oauth_clients WHERE redirect_uris ? $1 OR redirect_uris ? $2 LIMIT 1`,
      [target, href],
    );
    return rows.length > 0;
  }

  /** Keyset page (by id) of the browser clients (kinds `browser` and `anonymous`). */
  browserClientsPage(after: string, limit: number): Promise<BrowserClientRow[]> {
    return this.dataSource.query(
      `SELECT id, kind, redirect_uris, updated_at FROM oauth_clients
        WHERE kind IN ('browser', 'anonymous') AND id > $1 ORDER BY id LIMIT $2`,
      [after, limit],
    );
  }

  /** Keyset page (by id) of the clients bound to a license. */
  licensedClientsPage(after: string, limit: number): Promise<LicensedClientRow[]> {
    return this.dataSource.query(
      `SELECT id, license_id, license_bound_at, updated_at FROM oauth_clients
        WHERE license_id IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`,
      [after, limit],
    );
  }

  async insert(client: ClientEntity, manager: EntityManager): Promise<void> {
    await manager.insert(ClientEntity, client);
  }

  async save(client: ClientEntity, manager: EntityManager): Promise<void> {
    await manager.save(ClientEntity, client);
  }

  async update(id: string, changes: Partial<ClientEntity>, manager: EntityManager): Promise<void> {
    await manager.update(ClientEntity, { id }, changes);
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(ClientEntity, { id });
  }
}
