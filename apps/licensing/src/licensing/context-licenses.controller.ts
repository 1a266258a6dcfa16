import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags, PickType } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ListQuery } from '@platform/http';
import { type ValidationCode } from './license-status';
import { ListContextLicensesUseCase } from './usecases/list-context-licenses.usecase';

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
@Controller('licenses/v0.1/api')
export class ContextLicensesController {
  constructor(private readonly listContextLicenses: ListContextLicensesUseCase) {}

  @Get('licensing/context')
  @ApiOkResponse({ type: ContextLicensesPage })
  list(
    @Principal() caller: Principal,
    @Query() query: ContextLicensesQuery,
  ): Promise<ContextLicensesPage> {
    return this.listContextLicenses.execute(caller, query);
  }
}
