import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ClientKind, GrantType } from './client-kinds';
import { ClientEntity } from './client.entity';

interface Waiter {
  resolve: (row: ClientEntity | null) => void;
  reject: (e: unknown) => void;
}

/** A row of `oauth_clients` as pg returns it (jsonb parsed, timestamptz as Date, int4 as number). */
interface ClientRow {
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

/**
 * Client rows for client authentication, read with one SELECT per turn of the event loop for
 * every request that arrived in it (ADR 0020), instead of one per request: under load a token
 * endpoint's main thread sat a third idle waiting on its pool for the same row again and again.
 * The SELECT is a prepared statement sent straight to the pool (ADR 0024): TypeORM's query
 * builder, query runner and entity mapping cost more than the query itself on this path.
 *
 * Not a cache, on purpose: each query is sent after every request it answers arrived, so a
 * request sees every change committed before it came (a new secret, a deletion, a scope or
 * license change), exactly as with its own SELECT. A cache, even a short one, would let a rotated
 * secret mint tokens stamped after the rotation, which the gateway's "revoked before T" check
 * would then never catch.
 */
@Injectable()
export class ClientRows {
  private pending?: Map<string, Waiter[]>;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  byId(id: string): Promise<ClientEntity | null> {
    if (!this.pending) {
      this.pending = new Map();
      setImmediate(() => void this.read());
    }
    const batch = this.pending;
    return new Promise((resolve, reject) => {
      const waiters = batch.get(id);
      if (waiters) waiters.push({ resolve, reject });
      else batch.set(id, [{ resolve, reject }]);
    });
  }

  private async read(): Promise<void> {
    const batch = this.pending;
    this.pending = undefined;
    if (!batch) return;
    try {
      const pool = (this.db.driver as unknown as { master: PgPool }).master;
      const { rows } = await pool.query({ ...CLIENT_ROWS_QUERY, values: [[...batch.keys()]] });
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const [id, waiters] of batch) {
        const row = byId.get(id);
        // Each request its own object: nothing one request does to it reaches another.
        for (const w of waiters) w.resolve(row ? ClientRows.toEntity(row) : null);
      }
    } catch (e) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(e);
    }
  }

  /** The entity TypeORM would hydrate from the row, a new one per call. */
  static toEntity(r: ClientRow): ClientEntity {
    const c = new ClientEntity();
    c.id = r.id;
    c.name = r.name;
    c.kind = r.kind;
    c.secretHash = r.secret_hash;
    c.redirectUris = r.redirect_uris;
    c.postLogoutRedirectUris = r.post_logout_redirect_uris;
    c.scopes = r.scopes;
    c.grantTypes = r.grant_types;
    c.accessTokenTtl = r.access_token_ttl;
    c.refreshTokens = r.refresh_tokens;
    c.licenseId = r.license_id;
    c.licenseBoundAt = r.license_bound_at;
    c.ownerEntity = r.owner_entity;
    c.ownerDatabase = r.owner_database;
    c.createdAt = r.created_at;
    c.updatedAt = r.updated_at;
    return c;
  }
}
