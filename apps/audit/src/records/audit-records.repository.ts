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

/** One context's records: spec §1, a context is an entity plus a database. */
export interface AuditScope {
  entity: string;
  database: string;
}

/**
 * The database a record belongs to, read from its payload by the catalogue's one convention
 * (`eventContextOf` in libs/contracts: a nested `context`, else top-level `database`). The
 * payload is part of what the hash chain covers, so this cannot be changed after the fact.
 */
const RECORD_DATABASE = `COALESCE(r.data::jsonb #>> '{context,database}', r.data::jsonb ->> 'database')`;

/** Reads only: the store has no update or delete path (ADR 0006). */
@Injectable()
export class AuditRecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A page of records, newest first unless sorted; `scope` limits them to one context's: entity
   * and database both match, so entity-level and platform-level records are left out.
   */
  list(query: ListQuery, scope?: AuditScope): Promise<Page<AuditRecordEntity>> {
    const qb = this.dataSource.getRepository(AuditRecordEntity).createQueryBuilder('r');
    if (scope !== undefined) {
      qb.where(`r.entity = :scopeEntity AND ${RECORD_DATABASE} = :scopeDatabase`, {
        scopeEntity: scope.entity,
        scopeDatabase: scope.database,
      });
    }
    const sorted = (query.sort ?? query.order) ? query : { ...query, sort: 'seq desc' };
    return paginate(qb, sorted, AUDIT_FIELDS, { tieBreaker: 'seq' });
  }
}
