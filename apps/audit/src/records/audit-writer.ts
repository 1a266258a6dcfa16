import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@platform/contracts';
import { EntityManager } from 'typeorm';
import { canonicalJson } from '../chain/canonical-json';
import { ChainMac } from '../chain/chain-mac';
import { chainHash, ChainedFields } from '../chain/hash-chain';
import { auditFactsOf, text } from './audit-facts';

export interface AppendedRecord {
  seq: string;
  hash: string;
  /** True when the event id was already on record (nothing was written). */
  duplicate: boolean;
}

interface HeadRow {
  seq: string;
  hash: string;
  existing_seq: string | null;
  existing_hash: string | null;
}

const COLUMNS = [
  'seq',
  'event_id',
  'type',
  'source',
  'occurred_at',
  'recorded_at',
  'actor',
  'actor_client',
  'actor_user',
  'action',
  'target',
  'outcome',
  'ip',
  'entity',
  'request_id',
  'data',
  'prev_hash',
  'hash',
  'mac',
];

/**
 * Appends records to the chain. The head row is locked (`SELECT … FOR UPDATE`) for the rest of
 * the caller's transaction, so appends from every instance are serialised and the chain stays
 * linear: each record's `prev_hash` is the hash of the record committed just before it.
 * Two round trips per append, since the lock is held until commit (ADR 0006).
 * There is deliberately no update or delete of records here. Each record and the head are
 * signed (ChainMac) with a key the database does not hold.
 */
@Injectable()
export class AuditWriter {
  constructor(private readonly mac: ChainMac) {}

  async append(
    manager: EntityManager,
    event: EventEnvelope<unknown>,
    now: Date = new Date(),
  ): Promise<AppendedRecord> {
    const eventId = text(event.id) ?? 'unknown';
    // The inbox already dedupes per event id; this also covers a replay after an inbox purge.
    const [head] = (await manager.query(
      `SELECT h.seq, h.hash, r.seq AS existing_seq, r.hash AS existing_hash
         FROM audit_chain_head h LEFT JOIN audit_records r ON r.event_id = $1
        WHERE h.id = 1 FOR UPDATE OF h`,
      [eventId],
    )) as HeadRow[];
    if (head.existing_seq !== null && head.existing_hash !== null) {
      return { seq: head.existing_seq, hash: head.existing_hash, duplicate: true };
    }
    const fields = chainedFields(event, eventId, (BigInt(head.seq) + 1n).toString(), now);
    const hash = chainHash(head.hash, fields);
    const values = [
      fields.seq,
      fields.eventId,
      fields.type,
      fields.source,
      fields.occurredAt,
      fields.recordedAt,
      fields.actor,
      fields.actorClient,
      fields.actorUser,
      fields.action,
      fields.target,
      fields.outcome,
      fields.ip,
      fields.entity,
      fields.requestId,
      fields.data,
      head.hash,
      hash,
      this.mac.forRecord(hash),
    ];
    const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
    await manager.query(
      `WITH appended AS (INSERT INTO audit_records (${COLUMNS.join(', ')}) VALUES (${placeholders}))
       UPDATE audit_chain_head SET seq = $1, hash = $18, mac = $20 WHERE id = 1`,
      [...values, this.mac.forHead(fields.seq, hash)],
    );
    return { seq: fields.seq, hash, duplicate: false };
  }
}

function chainedFields(
  event: EventEnvelope<unknown>,
  eventId: string,
  seq: string,
  now: Date,
): ChainedFields {
  const facts = auditFactsOf(event);
  return {
    seq,
    eventId,
    type: event.type,
    source: text(event.source) ?? 'unknown',
    occurredAt: validDate(event.time) ?? now,
    recordedAt: now,
    actor: facts.actorUser ?? facts.actorClient,
    ...facts,
    // Round-tripped through JSON so class instances and plain objects hash alike.
    data: canonicalJson(JSON.parse(JSON.stringify(event.data ?? null)) as unknown),
  };
}

/** Postgres timestamps hold microseconds and JS dates milliseconds: keep what both agree on. */
function validDate(value: string): Date | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}
