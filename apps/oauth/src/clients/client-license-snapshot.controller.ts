import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type ClientLicenseRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
} from '@platform/contracts';

interface Row {
  id: string;
  license_id: string;
  license_bound_at: Date | null;
  updated_at: Date;
}

/**
 * The clients bound to a license, for the gateway's license view after a restart (ADR 16): a
 * view that came back empty would let every bound client in whatever its license. Internal: only
 * an assertion for `oauth.internal` with the snapshot scope gets in. Keyset paging by client id
 * (`after` is the last id of the previous page; any text compares).
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1/gateway')
export class ClientLicenseSnapshotController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('client-licenses')
  async clientLicenses(
    @Query() query: SnapshotPageQuery,
  ): Promise<SnapshotPage<ClientLicenseRecord>> {
    const limit = query.limit ?? SNAPSHOT_DEFAULT_PAGE;
    const rows: Row[] = await this.db.query(
      `SELECT id, license_id, license_bound_at, updated_at FROM oauth_clients
        WHERE license_id IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`,
      [query.after ?? '', limit],
    );
    return {
      items: rows.map((r) => ({
        clientId: r.id,
        license: r.license_id,
        boundAt: (r.license_bound_at ?? r.updated_at).toISOString(),
      })),
      next: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
    };
  }
}
