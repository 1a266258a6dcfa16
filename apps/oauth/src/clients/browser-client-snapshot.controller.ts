import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type BrowserClientRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
} from '@platform/contracts';

interface Row {
  id: string;
  kind: string;
  redirect_uris: string[];
  updated_at: Date;
}

/**
 * The browser clients (kinds `browser` and `anonymous`: public clients a web page signs in with)
 * and their redirect URIs, for the gateway's CORS view after a restart: the origins of those URIs
 * may call the APIs from a browser. Internal, like the other gateway snapshots (ADR 13); keyset
 * paging by client id.
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1/gateway')
export class BrowserClientSnapshotController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('browser-clients')
  async browserClients(
    @Query() query: SnapshotPageQuery,
  ): Promise<SnapshotPage<BrowserClientRecord>> {
    const limit = query.limit ?? SNAPSHOT_DEFAULT_PAGE;
    const rows: Row[] = await this.db.query(
      `SELECT id, kind, redirect_uris, updated_at FROM oauth_clients
        WHERE kind IN ('browser', 'anonymous') AND id > $1 ORDER BY id LIMIT $2`,
      [query.after ?? '', limit],
    );
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
