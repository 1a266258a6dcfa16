import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * What every oauth repository can do: open the transaction a use case runs in, and take a named
 * lock inside one. Used as it is by writers that only add events to the outbox (AuditTrail,
 * IssuedTokenAudit).
 */
@Injectable()
export class TransactionalRepository {
  constructor(protected readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Waits for and takes a transaction-scoped advisory lock on `name` (released at commit or
   * rollback): several instances booting together provision one at a time.
   */
  async lockNamedForUpdate(name: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
  }
}
