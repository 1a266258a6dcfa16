import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LicenseEntity } from './license.entity';

export interface LicenseKey {
  entity: string;
  database: string;
  system: string;
}

@Injectable()
export class LicensesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The latest license of a context and system (`002_*`: "a última licença"). */
  latest(key: LicenseKey): Promise<LicenseEntity | null> {
    return this.dataSource.manager.findOne(LicenseEntity, {
      where: { entity: key.entity, database: key.database, system: key.system },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  findById(id: string): Promise<LicenseEntity | null> {
    return this.dataSource.manager.findOne(LicenseEntity, { where: { id } });
  }

  /** Keyset page of every license by id (the gateway's snapshot, ADR 16). */
  pageById(after: string | undefined, limit: number): Promise<LicenseEntity[]> {
    const qb = this.dataSource.getRepository(LicenseEntity).createQueryBuilder('l');
    if (after !== undefined) qb.where('l.id > :after', { after });
    return qb.orderBy('l.id').limit(limit).getMany();
  }

  /** A page of one context's licenses, newest first (`take` rows from `skip`). */
  pageOfContext(
    context: { entity: string; database: string },
    skip: number,
    take: number,
  ): Promise<LicenseEntity[]> {
    return this.dataSource.getRepository(LicenseEntity).find({
      where: { entity: context.entity, database: context.database },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip,
      take,
    });
  }

  /** Locks the row so concurrent PATCH/revoke/expiry of one license apply one after another. */
  findForUpdate(id: string, manager: EntityManager): Promise<LicenseEntity | null> {
    return manager.findOne(LicenseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(values: Partial<LicenseEntity>, manager: EntityManager): Promise<LicenseEntity> {
    const { identifiers } = await manager.insert(LicenseEntity, values);
    return manager.findOneOrFail(LicenseEntity, { where: { id: String(identifiers[0]?.['id']) } });
  }

  async update(
    id: string,
    changes: Partial<LicenseEntity>,
    manager: EntityManager,
  ): Promise<LicenseEntity> {
    await manager.update(LicenseEntity, { id }, changes);
    return manager.findOneOrFail(LicenseEntity, { where: { id } });
  }

  /**
   * Claims licenses whose end has come and that nobody has claimed yet. The `expired_at IS NULL`
   * re-check happens under the row lock, so with several instances each license is claimed by
   * exactly one transaction; SKIP LOCKED keeps the others from waiting on it (ADR 0007).
   */
  async claimExpired(now: Date, limit: number, manager: EntityManager): Promise<LicenseEntity[]> {
    const rows: { id: string }[] = await manager.query(
      // Wrapped in a CTE so the driver answers plain rows (a bare UPDATE gives [rows, count]).
      `WITH claimed AS (
         UPDATE licenses SET expired_at = $1
          WHERE id IN (SELECT id FROM licenses
                        WHERE expired_at IS NULL AND revoked_at IS NULL AND valid_until <= $1
                        ORDER BY valid_until LIMIT $2 FOR UPDATE SKIP LOCKED)
            AND expired_at IS NULL
          RETURNING id)
       SELECT id FROM claimed`,
      [now, limit],
    );
    if (rows.length === 0) return [];
    return manager.find(LicenseEntity, { where: rows.map((r) => ({ id: r.id })) });
  }
}
