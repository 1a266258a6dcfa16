import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, ListQuery, mapPage, Page } from '@platform/http';
import { ChainVerification } from '../chain/chain-verification.response';
import { ChainVerifier } from '../chain/chain-verifier';
import { AuditEventResponse, toAuditEventResponse } from './audit-event.response';
import { ListAuditEventsUseCase } from './usecases/list-audit-events.usecase';

/**
 * The audit trail (spec §7). A platform admin sees everything; a context's admin sees only the
 * records of that exact context (entity and database); anyone else nothing.
 */
@ApiTags('audit')
@Scopes('audit.read')
@Controller('audit/v1')
export class AuditController {
  constructor(
    private readonly listAuditEvents: ListAuditEventsUseCase,
    private readonly verifier: ChainVerifier,
  ) {}

  @Get('events')
  @ApiPageResponse(AuditEventResponse)
  async list(
    @Query() query: ListQuery,
    @Principal() caller: Principal,
  ): Promise<Page<AuditEventResponse>> {
    return mapPage(await this.listAuditEvents.execute(caller, query), toAuditEventResponse);
  }

  /** Walks the whole chain: platform admins only, as its cost grows with the store. */
  @Get('chain/verify')
  @Scopes('platform.admin')
  verify(): Promise<ChainVerification> {
    return this.verifier.verify();
  }
}
