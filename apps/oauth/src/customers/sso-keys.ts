import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { digest } from '../shared/crypto';
import { SsoKeyEntity } from './customer.entities';

/** `003_*` §7: the key opens a session once, within 60 s. */
export const SSO_KEY_TTL_MS = 60_000;

@Injectable()
export class SsoKeys {
  async create(m: EntityManager, userId: string, clientId: string, customerId: string): Promise<string> {
    const key = randomUUID(); // the `003_*` shape; 122 random bits, single use, 60 s
    await m.getRepository(SsoKeyEntity).insert({
      keyHash: digest(key),
      userId,
      clientId,
      customerId,
      expiresAt: new Date(Date.now() + SSO_KEY_TTL_MS),
      usedAt: null,
    });
    return key;
  }

  /** Spends the key atomically; the user id when it was valid, unused and fresh. */
  async consume(m: EntityManager, key: string): Promise<string | undefined> {
    const rows: { user_id: string }[][] | { user_id: string }[] = await m.query(
      `UPDATE oauth_sso_keys SET used_at = now()
        WHERE key_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [digest(key)],
    );
    // TypeORM's postgres driver answers an UPDATE … RETURNING with [rows, count].
    const list = Array.isArray(rows[0]) ? (rows[0] as { user_id: string }[]) : (rows as { user_id: string }[]);
    return list[0]?.user_id;
  }
}
