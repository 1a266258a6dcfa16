import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type ClientLicenseRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
} from '@platform/contracts';
import { ClientsRepository } from './clients.repository';

/**
 * The clients bound to a license, for the gateway's license view after a restart (ADR 16): a
 * view that came back empty would let every bound client in whatever its license. Internal: only
 * an assertion for `oauth.internal` with the snapshot scope gets in. Keyset paging by client id
 * (`after` is the last id of the previous page; any text compares).
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1')
export class ClientLicenseSnapshotController {
  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

  @Get('gateway/client-licenses')
  async clientLicenses(
    @Query() query: SnapshotPageQuery,
  ): Promise<SnapshotPage<ClientLicenseRecord>> {
    const limit = query.limit ?? SNAPSHOT_DEFAULT_PAGE;
    const rows = await this.clients.licensedClientsPage(query.after ?? '', limit);
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
