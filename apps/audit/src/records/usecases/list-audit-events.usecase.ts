import { ForbiddenException, Injectable } from '@nestjs/common';
import { isPlatformAdmin, type Principal } from '@platform/auth';
import { ListQuery, Page } from '@platform/http';
import { AuditRecordEntity } from '../audit-record.entity';
import { AuditRecordsRepository, type AuditScope } from '../audit-records.repository';

/**
 * A page of the audit trail (spec §7). A platform admin sees everything; a context's admin sees
 * only the records of that exact context (entity and database); anyone else nothing.
 */
@Injectable()
export class ListAuditEventsUseCase {
  constructor(private readonly records: AuditRecordsRepository) {}

  execute(caller: Principal, query: ListQuery): Promise<Page<AuditRecordEntity>> {
    return this.records.list(query, scopeOf(caller));
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
