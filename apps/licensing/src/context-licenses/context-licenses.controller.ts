import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiTags,
  PickType,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Principal, Scopes } from '@platform/auth';
import { ListQuery } from '@platform/http';
import { licenseCode, type ValidationCode } from '../licenses/license-status';
import { LicenseEntity } from '../licenses/license.entity';
import { Clock } from '../shared/clock';
import { currentContext } from '../shared/caller-scope';
import { SistemaEntity } from '../sistemas/sistema.entity';

/** Only paging: the list is the caller's context's licenses, newest first. */
export class ContextLicensesQuery extends PickType(ListQuery, ['limit', 'offset'] as const) {}

export class ContextLicenseResponse {
  @ApiProperty() id!: string;
  @ApiProperty() system!: string;
  @ApiProperty({ type: String, nullable: true }) systemName!: string | null;
  @ApiProperty() validFrom!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ enum: ['VALID', 'EXPIRED', 'REVOKED', 'NOT_YET_VALID'] }) code!: ValidationCode;
}

export class ContextLicensesPage {
  @ApiProperty() offset!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() hasNext!: boolean;
  @ApiProperty({ type: [ContextLicenseResponse] }) content!: ContextLicenseResponse[];
}

/**
 * The licenses of the caller's context (its `User-Access`), newest first, each with its state
 * now: valid, expired, revoked or not yet valid (the portal's licenses screen, spec §8).
 */
@ApiTags('licensing')
@Scopes('licenses.suite')
@Controller('licenses/v0.1/api/licensing')
export class ContextLicensesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get('context')
  @ApiOkResponse({ type: ContextLicensesPage })
  async list(
    @Principal() caller: Principal,
    @Query() query: ContextLicensesQuery,
  ): Promise<ContextLicensesPage> {
    const { entity, database } = currentContext(caller);
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const rows = await this.dataSource.getRepository(LicenseEntity).find({
      where: { entity, database },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offset,
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const systems = await this.systemNames(page.map((l) => l.system));
    const now = this.clock.now();
    const content = page.map((l) => ({
      id: l.id,
      system: l.system,
      systemName: systems.get(l.system) ?? null,
      validFrom: l.validFrom.toISOString(),
      validUntil: l.validUntil.toISOString(),
      revokedAt: l.revokedAt?.toISOString() ?? null,
      code: licenseCode(l, now),
    }));
    return { offset, limit, hasNext: rows.length > limit, content };
  }

  private async systemNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const found = await this.dataSource
      .getRepository(SistemaEntity)
      .findBy(ids.map((id) => ({ id })));
    return new Map(found.map((s) => [s.id, s.nome]));
  }
}
