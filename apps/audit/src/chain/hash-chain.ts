import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The `prev_hash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a record the chain protects (everything but the hashes themselves). */
export interface ChainedFields {
  seq: string;
  eventId: string;
  type: string;
  source: string;
  occurredAt: Date;
  recordedAt: Date;
  actor: string | null;
  actorClient: string | null;
  actorUser: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  entity: string | null;
  requestId: string | null;
  data: string;
}

/** `sha256(prev_hash || canonical JSON of the record)`, hex (ADR 0006). */
export function chainHash(prevHash: string, record: ChainedFields): string {
  const fields: ChainedFields = {
    seq: record.seq,
    eventId: record.eventId,
    type: record.type,
    source: record.source,
    occurredAt: record.occurredAt,
    recordedAt: record.recordedAt,
    actor: record.actor,
    actorClient: record.actorClient,
    actorUser: record.actorUser,
    action: record.action,
    target: record.target,
    outcome: record.outcome,
    ip: record.ip,
    entity: record.entity,
    requestId: record.requestId,
    data: record.data,
  };
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}
