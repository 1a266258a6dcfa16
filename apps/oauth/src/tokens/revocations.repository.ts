import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RevocationRecord } from '@platform/contracts';
import { TransactionalRepository } from '../shared/transactional.repository';
import { RevocationEntity } from './token.entities';

/** A revocation still in force, as the gateway's snapshot reads it. */
export interface RevocationRow {
  id: string;
  kind: RevocationRecord['kind'];
  subject: string;
  issued_before: Date | null;
  expires_at: Date | null;
  client_deleted: boolean;
}

/** Every query of `oauth_revocations` (rows are only ever inserted). */
@Injectable()
export class RevocationsRepository extends TransactionalRepository {
  async insert(
    values: Pick<RevocationEntity, 'kind' | 'subject' | 'issuedBefore' | 'expiresAt'>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.insert(RevocationEntity, values);
  }

  /** True when the `jti`, or the client or user since before `issuedAt`, was revoked. */
  async anyInForce(
    jti: string,
    clientId: string,
    userId: string | null,
    issuedAt: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM oauth_revocations
        WHERE (kind = 'token' AND subject = $1)
           OR (kind = 'client' AND subject = $2 AND issued_before > $3)
           OR (kind = 'user' AND subject = $4 AND issued_before > $3)
        LIMIT 1`,
      [jti, clientId, issuedAt, userId],
    );
    return rows.length > 0;
  }

  /**
   * Keyset page (by id) of the revocations in force: a revoked token is left out once it has
   * expired; a client revocation says whether the client is gone.
   */
  pageInForce(after: string, limit: number): Promise<RevocationRow[]> {
    return this.dataSource.query(
      `SELECT r.id, r.kind, r.subject, r.issued_before, r.expires_at,
              (r.kind = 'client' AND NOT EXISTS (SELECT 1 FROM oauth_clients c WHERE c.id = r.subject))
                AS client_deleted
         FROM oauth_revocations r
        WHERE r.id > $1
          AND (r.kind <> 'token' OR r.expires_at IS NULL OR r.expires_at > now())
        ORDER BY r.id
        LIMIT $2`,
      [after, limit],
    );
  }
}
