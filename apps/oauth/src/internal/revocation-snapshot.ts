import { Inject, Injectable } from '@nestjs/common';
import { type RevocationRecord, type SnapshotPage, snapshotPage } from '@platform/contracts';
import { RevocationsRepository } from '../tokens/revocations.repository';

/**
 * The revocations still in force, read from `oauth_revocations` (the record tokeninfo and
 * introspection already trust) in id order. Rows are only ever inserted, so keyset paging by
 * id is consistent; a row committed while the gateway pages is also announced as
 * `token.revoked`, which the gateway hears since it started its feed before reading this.
 * A revoked token is left out once it has expired: it would fail on `exp` anyway.
 */
@Injectable()
export class RevocationSnapshot {
  constructor(@Inject(RevocationsRepository) private readonly revocations: RevocationsRepository) {}

  async page(after: string | undefined, limit: number): Promise<SnapshotPage<RevocationRecord>> {
    const rows = await this.revocations.pageInForce(after ?? '0', limit);
    return snapshotPage(rows, limit, (r) => ({
      kind: r.kind,
      subject: r.subject,
      issuedBefore: r.issued_before?.toISOString() ?? null,
      expiresAt: r.expires_at?.toISOString() ?? null,
      clientDeleted: r.client_deleted,
    }));
  }
}
