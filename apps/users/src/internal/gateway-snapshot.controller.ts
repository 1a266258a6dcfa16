import { Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type DisabledUserRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
} from '@platform/contracts';

interface Row {
  id: string;
  disabled_at: Date;
}

/**
 * The users disabled now, for the gateway to refuse every one of their tokens after a restart
 * (ADR 0013). Internal: only an assertion for `users.internal` with the snapshot scope gets in.
 * Keyset paging by id in byte order ("C" collation), so pages neither skip nor repeat a user.
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1')
export class GatewaySnapshotController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('gateway/disabled-users')
  async disabledUsers(
    @Query() query: SnapshotPageQuery,
  ): Promise<SnapshotPage<DisabledUserRecord>> {
    const limit = query.limit ?? SNAPSHOT_DEFAULT_PAGE;
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, COALESCE(disabled_at, updated_at) AS disabled_at
         FROM users
        WHERE status = 'disabled' AND id COLLATE "C" > $1
        ORDER BY id COLLATE "C"
        LIMIT $2`,
      [query.after ?? '', limit],
    );
    return {
      items: rows.map((r) => ({ id: r.id, disabledAt: r.disabled_at.toISOString() })),
      next: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
    };
  }
}
