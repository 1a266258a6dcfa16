import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RevocationRecord, SnapshotPage } from '@platform/contracts';

interface Row {
  id: string;
  kind: RevocationRecord['kind'];
  subject: string;
  issued_before: Date | null;
  expires_at: Date | null;
  client_deleted: boolean;
}

/**
 * The revocations still in force, read from `oauth_revocations` (the record tokeninfo and
 * introspection already trust) in id order. Rows are only ever inserted, so keyset paging by
 * id is consistent; a row committed while the gateway pages is also announced as
 * `token.revoked`, which the gateway hears since it started its feed before reading this.
 * A revoked token is left out once it has expired: it would fail on `exp` anyway.
 */
@Injectable()
export class RevocationSnapshot {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(after: string | undefined, limit: number): Promise<SnapshotPage<RevocationRecord>> {
    const rows: Row[] = await this.db.query(
      `SELECT r.id, r.kind, r.subject, r.issued_before, r.expires_at,
              (r.kind = 'client' AND NOT EXISTS (SELECT 1 FROM oauth_clients c WHERE c.id = r.subject))
                AS client_deleted
         FROM oauth_revocations r
        WHERE r.id > $1
          AND (r.kind <> 'token' OR r.expires_at IS NULL OR r.expires_at > now())
        ORDER BY r.id
        LIMIT $2`,
      [after ?? '0', limit],
    );
    return {
      items: rows.map((r) => ({
        kind: r.kind,
        subject: r.subject,
        issuedBefore: r.issued_before?.toISOString() ?? null,
        expiresAt: r.expires_at?.toISOString() ?? null,
        clientDeleted: r.client_deleted,
      })),
      next: rows.length === limit ? String(rows[rows.length - 1]?.id) : null,
    };
  }
}
