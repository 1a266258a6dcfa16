import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One audit record: who (actor), did what (type/action/target), when (occurredAt), from where
 * (ip, source service), with which outcome, in which entity. Written once, never changed.
 */
@Entity({ name: 'audit_records' })
export class AuditRecordEntity {
  /** Position in the hash chain (1, 2, …); bigint comes back from pg as a string. */
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'event_id', type: 'text' }) eventId!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ type: 'text', nullable: true }) actor!: string | null;
  @Column({ name: 'actor_client', type: 'text', nullable: true }) actorClient!: string | null;
  @Column({ name: 'actor_user', type: 'text', nullable: true }) actorUser!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text', nullable: true }) target!: string | null;
  @Column({ type: 'text' }) outcome!: string;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
  @Column({ type: 'text', nullable: true }) entity!: string | null;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId!: string | null;
  /** The event's payload as canonical JSON text: exactly what the hash covers. */
  @Column({ type: 'text' }) data!: string;
  @Column({ name: 'prev_hash', type: 'text' }) prevHash!: string;
  @Column({ type: 'text' }) hash!: string;
  /** HMAC of `hash` with AUDIT_CHAIN_KEY (ChainMac); null only for records older than the key. */
  @Column({ type: 'text', nullable: true }) mac!: string | null;
}
