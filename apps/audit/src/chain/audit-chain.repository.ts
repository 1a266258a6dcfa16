import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { AuditRecordEntity } from '../records/audit-record.entity';

export interface ChainHead {
  seq: string;
  hash: string;
  mac: string | null;
}

/** Reads of the chain inside one read-only snapshot. */
export interface ChainSnapshot {
  /** Up to `limit` records after `seq`, in order. */
  recordsAfter(seq: bigint, limit: number): Promise<AuditRecordEntity[]>;
  head(): Promise<ChainHead>;
}

/** The audit chain as its verifier reads it: the records and the head row. */
@Injectable()
export class AuditChainRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One REPEATABLE READ, read-only snapshot for the whole walk: records keep arriving while it
   * runs, and a head read after the records would otherwise point past them.
   */
  inSnapshot<T>(walk: (snapshot: ChainSnapshot) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return walk(snapshotOf(m));
    });
  }
}

function snapshotOf(m: EntityManager): ChainSnapshot {
  return {
    recordsAfter: (seq, limit) =>
      m.find(AuditRecordEntity, {
        where: { seq: MoreThan(seq.toString()) },
        order: { seq: 'ASC' },
        take: limit,
      }),
    head: async () => {
      // The migration inserts the one head row (id 1); it is never deleted.
      const rows = (await m.query(
        'SELECT seq, hash, mac FROM audit_chain_head WHERE id = 1',
      )) as ChainHead[];
      return rows[0] as ChainHead;
    },
  };
}
