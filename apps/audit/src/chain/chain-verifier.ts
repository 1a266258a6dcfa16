import { Injectable } from '@nestjs/common';
import type { AuditRecordEntity } from '../records/audit-record.entity';
import { AuditChainRepository, type ChainHead, type ChainSnapshot } from './audit-chain.repository';
import { ChainMac } from './chain-mac';
import { chainHash, GENESIS_HASH } from './hash-chain';
import type { ChainVerification } from './chain-verification.response';

const BATCH = 1000;

/**
 * Walks the chain from the first record: each `seq` follows the last, each `prev_hash` is the
 * previous record's `hash`, each `hash` recomputes from the record's own fields and each `mac`
 * from the hash with AUDIT_CHAIN_KEY. The head row must then point at the last record and carry
 * its MAC, so cutting records off the end is detected too, and so is a rewrite by someone who
 * recomputed every hash but does not hold the key.
 */
@Injectable()
export class ChainVerifier {
  constructor(
    private readonly chain: AuditChainRepository,
    private readonly mac: ChainMac,
  ) {}

  /** One snapshot for the whole walk, so a head read after the records cannot point past them. */
  verify(): Promise<ChainVerification> {
    return this.chain.inSnapshot((snapshot) => walk(snapshot, this.mac));
  }
}

async function walk(snapshot: ChainSnapshot, mac: ChainMac): Promise<ChainVerification> {
  let prev = { seq: 0n, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const batch = await snapshot.recordsAfter(prev.seq, BATCH);
    for (const record of batch) {
      checked++;
      const reason = faultOf(record, prev) ?? macFaultOf(record, mac);
      if (reason) return { valid: false, checked, brokenAt: record.seq, reason };
      prev = { seq: BigInt(record.seq), hash: record.hash };
    }
    if (batch.length < BATCH) break;
  }
  const head = await snapshot.head();
  const cut = { valid: false, checked, brokenAt: (prev.seq + 1n).toString() };
  if (BigInt(head.seq) !== prev.seq || head.hash !== prev.hash) {
    return { ...cut, reason: 'records after this point are missing' };
  }
  if (!headIsSigned(head, mac)) {
    return {
      ...cut,
      reason: 'the chain head does not match its MAC: records after this point may be missing',
    };
  }
  return { valid: true, checked };
}

/** An empty chain, or one not appended to since it got its key, has an unsigned head. */
function headIsSigned(head: ChainHead, mac: ChainMac): boolean {
  if (head.mac === null && BigInt(head.seq) <= mac.unsignedUntil) return true;
  return ChainMac.matches(head.mac, mac.forHead(head.seq, head.hash));
}

function macFaultOf(record: AuditRecordEntity, mac: ChainMac): string | undefined {
  if (BigInt(record.seq) <= mac.unsignedUntil && record.mac === null) return undefined;
  if (record.mac === null)
    return 'the record carries no MAC (written before AUDIT_CHAIN_KEY, or stripped)';
  if (!ChainMac.matches(record.mac, mac.forRecord(record.hash)))
    return 'the record does not match its MAC: rewritten, or signed with another AUDIT_CHAIN_KEY';
  return undefined;
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
