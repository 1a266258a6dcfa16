import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type AccessRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
  snapshotPage,
} from '@platform/contracts';
import { AccessesRepository } from './accesses.repository';
import { isUuid } from '@platform/http';

/**
 * Every access, active or revoked, for the gateway's `User-Access` view after a restart
 * (ADR 0013): the active ones resolve, the revoked ones stay tombstones so a late
 * `access.granted` cannot bring them back. Internal: only an assertion for
 * `authorizations.internal` with the snapshot scope gets in. Keyset paging by id.
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1')
export class AccessSnapshotController {
  constructor(private readonly accessesRepository: AccessesRepository) {}

  @Get('gateway/accesses')
  async accesses(@Query() query: SnapshotPageQuery): Promise<SnapshotPage<AccessRecord>> {
    if (query.after !== undefined && !isUuid(query.after)) {
      throw new BadRequestException('after: must be the `next` of a previous page');
    }
    const limit = query.limit ?? SNAPSHOT_DEFAULT_PAGE;
    const rows = await this.accessesRepository.pageById(query.after, limit);
    return snapshotPage(rows, limit, (a) => ({
      id: a.id,
      user: a.user,
      role: a.role,
      context: { entity: a.entity, database: a.database },
      active: a.active,
    }));
  }
}
