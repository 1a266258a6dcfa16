import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type BrowserClientRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
} from '@platform/contracts';
import { ClientsRepository } from './clients.repository';

/**
 * The browser clients (kinds `browser` and `anonymous`: public clients a web page signs in with)
 * and their redirect URIs, for the gateway's CORS view after a restart: the origins of those URIs
 * may call the APIs from a browser. Internal, like the other gateway snapshots (ADR 13); keyset
 * paging by client id.
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1')
export class BrowserClientSnapshotController {
  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

  @Get('gateway/browser-clients')
  async browserClients(
    @Query() query: SnapshotPageQuery,
  ): Promise<SnapshotPage<BrowserClientRecord>> {
    const limit = query.limit ?? SNAPSHOT_DEFAULT_PAGE;
    const rows = await this.clients.browserClientsPage(query.after ?? '', limit);
    return {
      items: rows.map((r) => ({
        clientId: r.id,
        kind: r.kind,
        redirectUris: r.redirect_uris,
        updatedAt: r.updated_at.toISOString(),
      })),
      next: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
    };
  }
}
