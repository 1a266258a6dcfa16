import { Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type DisabledUserRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
  snapshotPage,
} from '@platform/contracts';
import { UsersRepository } from '../usuarios/users.repository';

/**
 * The users disabled now, for the gateway to refuse every one of their tokens after a restart
 * (ADR 0013). Internal: only an assertion for `users.internal` with the snapshot scope gets in.
 * Keyset paging by id in byte order ("C" collation), so pages neither skip nor repeat a user.
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1')
export class GatewaySnapshotController {
  constructor(private readonly users: UsersRepository) {}

  @Get('gateway/disabled-users')
  async disabledUsers(
    @Query() query: SnapshotPageQuery,
  ): Promise<SnapshotPage<DisabledUserRecord>> {
    const limit = query.limit ?? SNAPSHOT_DEFAULT_PAGE;
    const rows = await this.users.disabledPage(query.after ?? '', limit);
    return snapshotPage(rows, limit, (r) => ({ id: r.id, disabledAt: r.disabledAt.toISOString() }));
  }
}
