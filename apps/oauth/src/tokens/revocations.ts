import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { draft, OutboxPublisher } from '@platform/messaging';
import { TokenRevoked } from '@platform/contracts';
import type { AccessTokenClaims } from './access-token';
import { RevocationEntity } from './token.entities';

export type RevocationTarget =
  | { scope: 'token'; jti: string; expiresAt?: Date; reason: string }
  | { scope: 'client'; clientId: string; issuedBefore: Date; reason: string }
  | { scope: 'user'; userId: string; issuedBefore: Date; reason: string };

/**
 * Records revocations and announces them (`token.revoked`, in the same transaction) with what
 * the gateway needs to deny: a `jti`, or everything of a client / user issued before a time.
 */
@Injectable()
export class Revocations {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  async revoke(m: EntityManager, t: RevocationTarget): Promise<void> {
    const row = {
      kind: t.scope,
      subject: t.scope === 'token' ? t.jti : t.scope === 'client' ? t.clientId : t.userId,
      issuedBefore: t.scope === 'token' ? null : t.issuedBefore,
      expiresAt: t.scope === 'token' ? (t.expiresAt ?? null) : null,
    };
    await m.getRepository(RevocationEntity).insert(row);
    const payload =
      t.scope === 'token'
        ? { scope: t.scope, jti: t.jti, expiresAt: t.expiresAt?.toISOString(), reason: t.reason }
        : t.scope === 'client'
          ? { scope: t.scope, clientId: t.clientId, issuedBefore: t.issuedBefore.toISOString(), reason: t.reason }
          : { scope: t.scope, userId: t.userId, issuedBefore: t.issuedBefore.toISOString(), reason: t.reason };
    await this.outbox.add(m, draft(TokenRevoked, row.subject, payload));
  }

  /** True when the token's `jti`, or its client or user since before its `iat`, was revoked. */
  async isRevoked(c: AccessTokenClaims): Promise<boolean> {
    const issuedAt = new Date(Math.round(c.iat * 1000));
    const userId = c.sub !== c.client_id ? c.sub : null;
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM oauth_revocations
        WHERE (kind = 'token' AND subject = $1)
           OR (kind = 'client' AND subject = $2 AND issued_before > $3)
           OR (kind = 'user' AND subject = $4 AND issued_before > $3)
        LIMIT 1`,
      [c.jti, c.client_id, issuedAt, userId],
    );
    return rows.length > 0;
  }
}
