import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { draft, OutboxPublisher } from '@platform/messaging';
import { TokenRevoked } from '@platform/contracts';
import type { AccessTokenClaims } from './access-token';
import { RevocationsRepository } from './revocations.repository';

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
    @Inject(RevocationsRepository) private readonly revocations: RevocationsRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async revoke(t: RevocationTarget, m: EntityManager): Promise<void> {
    const row = {
      kind: t.scope,
      subject: t.scope === 'token' ? t.jti : t.scope === 'client' ? t.clientId : t.userId,
      issuedBefore: t.scope === 'token' ? null : t.issuedBefore,
      expiresAt: t.scope === 'token' ? (t.expiresAt ?? null) : null,
    };
    await this.revocations.insert(row, m);
    const payload =
      t.scope === 'token'
        ? { scope: t.scope, jti: t.jti, expiresAt: t.expiresAt?.toISOString(), reason: t.reason }
        : t.scope === 'client'
          ? {
              scope: t.scope,
              clientId: t.clientId,
              issuedBefore: t.issuedBefore.toISOString(),
              reason: t.reason,
            }
          : {
              scope: t.scope,
              userId: t.userId,
              issuedBefore: t.issuedBefore.toISOString(),
              reason: t.reason,
            };
    await this.outbox.add(m, draft(TokenRevoked, row.subject, payload));
  }

  /** True when the token's `jti`, or its client or user since before its `iat`, was revoked. */
  async isRevoked(c: AccessTokenClaims): Promise<boolean> {
    const issuedAt = new Date(Math.round(c.iat * 1000));
    const userId = c.sub !== c.client_id ? c.sub : null;
    return this.revocations.anyInForce(c.jti, c.client_id, userId, issuedAt);
  }
}
