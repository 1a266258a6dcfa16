import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Query,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  LICENSE_LOOKUP_SCOPE,
  type LicenseLookup,
  type LicenseRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
} from '@platform/contracts';
import { Clock } from '../../shared/clock';
import { licenseCode } from '../license-status';
import { LicenseEntity } from '../license.entity';
import { LicensesRepository } from '../licenses.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    private readonly clock: Clock,
  ) {}

  @Get('licenses/:id')
  @Internal(LICENSE_LOOKUP_SCOPE)
  async lookup(@Param('id', ParseUUIDPipe) id: string): Promise<LicenseLookup> {
    const license = await this.licenses.findById(id);
    if (!license) throw new NotFoundException(`license '${id}' not found`);
    const code = licenseCode(license, this.clock.now());
    if (code === 'NOT_FOUND') throw new NotFoundException(`license '${id}' not found`);
    return {
      id: license.id,
      entity: license.entity,
      database: license.database,
      system: license.system,
      validFrom: license.validFrom.toISOString(),
      validUntil: license.validUntil.toISOString(),
      code,
    };
  }

  /** Every license, keyset-paged by id; the view needs expired and revoked ones too. */
  @Get('gateway/licenses')
  @Internal(GATEWAY_SNAPSHOT_SCOPE)
  async snapshot(@Query() query: SnapshotPageQuery): Promise<SnapshotPage<LicenseRecord>> {
    if (query.after !== undefined && !UUID.test(query.after)) {
      throw new BadRequestException('after: must be the `next` of a previous page');
    }
    const limit = query.limit ?? SNAPSHOT_DEFAULT_PAGE;
    const rows = await this.licenses.pageById(query.after, limit);
    return {
      items: rows.map(toRecord),
      next: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
    };
  }
}

function toRecord(l: LicenseEntity): LicenseRecord {
  return {
    id: l.id,
    entity: l.entity,
    database: l.database,
    system: l.system,
    validFrom: l.validFrom.toISOString(),
    validUntil: l.validUntil.toISOString(),
    revoked: l.revokedAt !== null,
    expired: l.expiredAt !== null,
    updatedAt: l.updatedAt.toISOString(),
  };
}
