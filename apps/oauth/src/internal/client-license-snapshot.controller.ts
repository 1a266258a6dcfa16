import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type ClientLicenseRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
} from '@platform/contracts';
import { ListClientLicensesUseCase } from '../clients/usecases/list-client-licenses.usecase';

/**
 * The clients bound to a license, for the gateway's license view after a restart (ADR 16): a
 * view that came back empty would let every bound client in whatever its license. Internal: only
 * an assertion for `oauth.internal` with the snapshot scope gets in. Keyset paging by client id
 * (`after` is the last id of the previous page; any text compares).
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1')
export class ClientLicenseSnapshotController {
  constructor(
    @Inject(ListClientLicensesUseCase) private readonly list: ListClientLicensesUseCase,
  ) {}

  @Get('gateway/client-licenses')
  async clientLicenses(
    @Query() query: SnapshotPageQuery,
  ): Promise<SnapshotPage<ClientLicenseRecord>> {
    return this.list.execute(query.after ?? '', query.limit ?? SNAPSHOT_DEFAULT_PAGE);
  }
}
