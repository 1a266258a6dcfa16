import { Inject, Injectable } from '@nestjs/common';
import { ClientEntity } from './client.entity';
import { type ClientRow, ClientsRepository } from './clients.repository';

interface Waiter {
  resolve: (row: ClientEntity | null) => void;
  reject: (e: unknown) => void;
}

/**
 * Client rows for client authentication, read with one SELECT per turn of the event loop for
 * every request that arrived in it (ADR 0020), instead of one per request: under load a token
 * endpoint's main thread sat a third idle waiting on its pool for the same row again and again.
 * The SELECT is a prepared statement sent straight to the pool (ADR 0024, in
 * `ClientsRepository.rowsByIds`): TypeORM's query builder, query runner and entity mapping cost
 * more than the query itself on this path.
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

  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

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
      const rows = await this.clients.rowsByIds([...batch.keys()]);
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
