import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type RevocationRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
} from '@platform/contracts';
import { RevocationSnapshot } from './revocation-snapshot';

/**
 * What the gateway rebuilds its revocation view from at boot (ADR 0013). Internal: only an
 * assertion for `oauth.internal` with the snapshot scope gets in; the gateway never routes here.
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1')
export class GatewaySnapshotController {
  constructor(@Inject(RevocationSnapshot) private readonly snapshot: RevocationSnapshot) {}

  @Get('gateway/revocations')
  revocations(@Query() query: SnapshotPageQuery): Promise<SnapshotPage<RevocationRecord>> {
    if (query.after !== undefined && !/^\d{1,19}$/.test(query.after)) {
      throw new BadRequestException('after: must be the `next` of a previous page');
    }
    return this.snapshot.page(query.after, query.limit ?? SNAPSHOT_DEFAULT_PAGE);
  }
}
