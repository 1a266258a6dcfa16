import { Controller, ForbiddenException, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { isPlatformAdmin, Principal, Scopes } from '@platform/auth';
import { ListQuery, mapPage, Page } from '@platform/http';
import { ChainVerification, ChainVerifier } from '../chain/chain-verifier';
import { AuditEventResponse, toAuditEventResponse } from './audit-event.response';
import { AuditRecordsRepository } from './audit-records.repository';

/** The audit trail (spec §7). A platform admin sees everything; others only their entity's records. */
@ApiTags('audit')
@Scopes('audit.read')
@Controller('audit/v1')
export class AuditController {
  constructor(
    private readonly records: AuditRecordsRepository,
    private readonly verifier: ChainVerifier,
  ) {}

  @Get('events')
  async list(
    @Query() query: ListQuery,
    @Principal() caller: Principal,
  ): Promise<Page<AuditEventResponse>> {
    const entity = isPlatformAdmin(caller) ? undefined : caller.context?.entity;
    if (!isPlatformAdmin(caller) && entity === undefined) {
      throw new ForbiddenException('select a context (User-Access) to read its audit records');
    }
    return mapPage(await this.records.list(query, entity), toAuditEventResponse);
  }

  /** Walks the whole chain: platform admins only, as its cost grows with the store. */
  @Get('chain/verify')
  @Scopes('platform.admin')
  verify(): Promise<ChainVerification> {
    return this.verifier.verify();
  }
}
