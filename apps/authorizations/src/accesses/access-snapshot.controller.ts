import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type AccessRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
} from '@platform/contracts';
import { AccessEntity } from './access.entity';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every access, active or revoked, for the gateway's `User-Access` view after a restart
 * (ADR 0013): the active ones resolve, the revoked ones stay tombstones so a late
 * `access.granted` cannot bring them back. Internal: only an assertion for
 * `authorizations.internal` with the snapshot scope gets in. Keyset paging by id.
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1/gateway')
export class AccessSnapshotController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('accesses')
  async accesses(@Query() query: SnapshotPageQuery): Promise<SnapshotPage<AccessRecord>> {
    if (query.after !== undefined && !UUID.test(query.after)) {
      throw new BadRequestException('after: must be the `next` of a previous page');
    }
    const limit = query.limit ?? SNAPSHOT_DEFAULT_PAGE;
    const rows = await this.dataSource
      .getRepository(AccessEntity)
      .createQueryBuilder('a')
      .where('a.id > :after', { after: query.after ?? NIL_UUID })
      .orderBy('a.id')
      .limit(limit)
      .getMany();
    return {
      items: rows.map((a) => ({
        id: a.id,
        user: a.user,
        role: a.role,
        context: { entity: a.entity, database: a.database },
        active: a.active,
      })),
      next: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
    };
  }
}
