import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AllowList, ListQuery, Page, paginate } from '@platform/http';
import { AuditRecordEntity } from './audit-record.entity';

/** Filter and sort fields of `GET /audit/v1/events`. */
export const AUDIT_FIELDS: AllowList = {
  seq: { column: 'r.seq', type: 'integer' },
  type: { column: 'r.type', type: 'string' },
  actor: { column: 'r.actor', type: 'string' },
  actorClient: { column: 'r.actorClient', type: 'string' },
  actorUser: { column: 'r.actorUser', type: 'string' },
  action: { column: 'r.action', type: 'string' },
  target: { column: 'r.target', type: 'string' },
  outcome: { column: 'r.outcome', type: 'string' },
  time: { column: 'r.occurredAt', type: 'timestamp' },
  entity: { column: 'r.entity', type: 'string' },
  source: { column: 'r.source', type: 'string' },
  ip: { column: 'r.ip', type: 'string' },
};

/** Reads only: the store has no update or delete path (ADR 0006). */
@Injectable()
export class AuditRecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of records, newest first unless sorted; `entity` limits them to one entity. */
  list(query: ListQuery, entity?: string): Promise<Page<AuditRecordEntity>> {
    const qb = this.dataSource.getRepository(AuditRecordEntity).createQueryBuilder('r');
    if (entity !== undefined) qb.where('r.entity = :scopeEntity', { scopeEntity: entity });
    const sorted = (query.sort ?? query.order) ? query : { ...query, sort: 'seq desc' };
    return paginate(qb, sorted, AUDIT_FIELDS, { tieBreaker: 'seq' });
  }
}
