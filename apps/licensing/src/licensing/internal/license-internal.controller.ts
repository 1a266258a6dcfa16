import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  LICENSE_LOOKUP_SCOPE,
  type LicenseLookup,
  type LicenseRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
  snapshotPage,
} from '@platform/contracts';
import { LicenseEntity } from '../license.entity';
import { licenseTerms } from '../dto/license.response';
import { LicensesRepository } from '../licenses.repository';
import { LookupLicenseUseCase } from '../usecases/lookup-license.usecase';
import { isUuid } from '@platform/http';

/**
 * Licensing's internal routes (ADR 3 addendum; not in the gateway's route table): oauth's lookup
 * of a license before it binds a client to it, and the gateway's snapshot of every license for
 * its license view after a restart (ADR 16). Each takes only an assertion for
 * `licensing.internal` with its own scope.
 */
@ApiExcludeController()
@Controller('internal/v1')
export class LicenseInternalController {
  constructor(
    private readonly licenses: LicensesRepository,
    private readonly lookupLicense: LookupLicenseUseCase,
  ) {}

  @Get('licenses/:id')
  @Internal(LICENSE_LOOKUP_SCOPE)
  lookup(@Param('id', ParseUUIDPipe) id: string): Promise<LicenseLookup> {
    return this.lookupLicense.execute(id);
  }

  /** Every license, keyset-paged by id; the view needs expired and revoked ones too. */
  @Get('gateway/licenses')
  @Internal(GATEWAY_SNAPSHOT_SCOPE)
  async snapshot(@Query() query: SnapshotPageQuery): Promise<SnapshotPage<LicenseRecord>> {
    if (query.after !== undefined && !isUuid(query.after)) {
      throw new BadRequestException('after: must be the `next` of a previous page');
    }
    const limit = query.limit ?? SNAPSHOT_DEFAULT_PAGE;
    const rows = await this.licenses.pageById(query.after, limit);
    return snapshotPage(rows, limit, toRecord);
  }
}

function toRecord(l: LicenseEntity): LicenseRecord {
  return {
    ...licenseTerms(l),
    revoked: l.revokedAt !== null,
    expired: l.expiredAt !== null,
    updatedAt: l.updatedAt.toISOString(),
  };
}
