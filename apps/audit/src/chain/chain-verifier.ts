import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { AuditRecordEntity } from '../records/audit-record.entity';
import { chainHash, GENESIS_HASH } from './hash-chain';

export interface ChainVerification {
  valid: boolean;
  /** Records checked (up to and including the broken one). */
  checked: number;
  /** `seq` of the first record that does not fit the chain. */
  brokenAt?: string;
  reason?: string;
}

const BATCH = 1000;

/**
 * Walks the chain from the first record: each `seq` follows the last, each `prev_hash` is the
 * previous record's `hash`, and each `hash` recomputes from the record's own fields. The head
 * row must then point at the last record, so cutting records off the end is detected too.
 */
@Injectable()
export class ChainVerifier {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One REPEATABLE READ snapshot for the whole walk: records keep arriving while it runs, and a
   * head read after the records would otherwise point past them ("records are missing").
   */
  verify(): Promise<ChainVerification> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return walk(m);
    });
  }
}

async function walk(m: EntityManager): Promise<ChainVerification> {
  let prev = { seq: 0n, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const batch = await m.find(AuditRecordEntity, {
      where: { seq: MoreThan(prev.seq.toString()) },
      order: { seq: 'ASC' },
      take: BATCH,
    });
    for (const record of batch) {
      checked++;
      const reason = faultOf(record, prev);
      if (reason) return { valid: false, checked, brokenAt: record.seq, reason };
      prev = { seq: BigInt(record.seq), hash: record.hash };
    }
    if (batch.length < BATCH) break;
  }
  const [head] = (await m.query('SELECT seq, hash FROM audit_chain_head WHERE id = 1')) as {
    seq: string;
    hash: string;
  }[];
  if (BigInt(head.seq) !== prev.seq || head.hash !== prev.hash) {
    return {
      valid: false,
      checked,
      brokenAt: (prev.seq + 1n).toString(),
      reason: 'records after this point are missing',
    };
  }
  return { valid: true, checked };
}

function faultOf(
  record: AuditRecordEntity,
  prev: { seq: bigint; hash: string },
): string | undefined {
  if (BigInt(record.seq) !== prev.seq + 1n)
    return `expected record ${prev.seq + 1n}: records are missing`;
  if (record.prevHash !== prev.hash) return 'prev_hash is not the previous record’s hash';
  if (chainHash(record.prevHash, record) !== record.hash)
    return 'the record does not match its hash';
  return undefined;
}
