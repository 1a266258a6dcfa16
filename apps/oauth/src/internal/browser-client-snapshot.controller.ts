import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GATEWAY_SNAPSHOT_SCOPE, Internal } from '@platform/auth';
import {
  type BrowserClientRecord,
  SNAPSHOT_DEFAULT_PAGE,
  type SnapshotPage,
  SnapshotPageQuery,
} from '@platform/contracts';
import { ListBrowserClientsUseCase } from '../clients/usecases/list-browser-clients.usecase';

/**
 * The browser clients (kinds `browser` and `anonymous`: public clients a web page signs in with)
 * and their redirect URIs, for the gateway's CORS view after a restart: the origins of those URIs
 * may call the APIs from a browser. Internal, like the other gateway snapshots (ADR 13); keyset
 * paging by client id.
 */
@ApiExcludeController()
@Internal(GATEWAY_SNAPSHOT_SCOPE)
@Controller('internal/v1')
export class BrowserClientSnapshotController {
  constructor(
    @Inject(ListBrowserClientsUseCase) private readonly list: ListBrowserClientsUseCase,
  ) {}

  @Get('gateway/browser-clients')
  async browserClients(
    @Query() query: SnapshotPageQuery,
  ): Promise<SnapshotPage<BrowserClientRecord>> {
    return this.list.execute(query.after ?? '', query.limit ?? SNAPSHOT_DEFAULT_PAGE);
  }
}
