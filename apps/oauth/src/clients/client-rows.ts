import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ClientEntity } from './client.entity';

interface Waiter {
  resolve: (row: ClientEntity | null) => void;
  reject: (e: unknown) => void;
}

/**
 * Client rows for client authentication, read with one SELECT per turn of the event loop for
 * every request that arrived in it (ADR 0020), instead of one per request: under load a token
 * endpoint's main thread sat a third idle waiting on its pool for the same row again and again.
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
      const rows = await this.db.getRepository(ClientEntity).findBy({ id: In([...batch.keys()]) });
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const [id, waiters] of batch) {
        const row = byId.get(id);
        // Each request its own object: nothing one request does to it reaches another.
        for (const w of waiters) w.resolve(row ? Object.assign(new ClientEntity(), row) : null);
      }
    } catch (e) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(e);
    }
  }
}
