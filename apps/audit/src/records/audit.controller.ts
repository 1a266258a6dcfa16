import { Controller, ForbiddenException, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { isPlatformAdmin, Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, ListQuery, mapPage, Page } from '@platform/http';
import { ChainVerification } from '../chain/chain-verification.response';
import { ChainVerifier } from '../chain/chain-verifier';
import { AuditEventResponse, toAuditEventResponse } from './audit-event.response';
import { AuditRecordsRepository, type AuditScope } from './audit-records.repository';

/**
 * The audit trail (spec §7). A platform admin sees everything; a context's admin sees only the
 * records of that exact context (entity and database); anyone else nothing.
 */
@ApiTags('audit')
@Scopes('audit.read')
@Controller('audit/v1')
export class AuditController {
  constructor(
    private readonly records: AuditRecordsRepository,
    private readonly verifier: ChainVerifier,
  ) {}

  @Get('events')
  @ApiPageResponse(AuditEventResponse)
  async list(
    @Query() query: ListQuery,
    @Principal() caller: Principal,
  ): Promise<Page<AuditEventResponse>> {
    return mapPage(await this.records.list(query, scopeOf(caller)), toAuditEventResponse);
  }

  /** Walks the whole chain: platform admins only, as its cost grows with the store. */
  @Get('chain/verify')
  @Scopes('platform.admin')
  verify(): Promise<ChainVerification> {
    return this.verifier.verify();
  }
}

/** `undefined`: every record (platform.admin). Who reads a context's trail is who manages it. */
function scopeOf(caller: Principal): AuditScope | undefined {
  if (isPlatformAdmin(caller)) return undefined;
  const ctx = caller.context;
  if (!ctx)
    throw new ForbiddenException('select a context (User-Access) to read its audit records');
  if (ctx.role !== 'admin')
    throw new ForbiddenException("Only the context's admin may read its audit records.");
  return { entity: ctx.entity, database: ctx.database };
}
