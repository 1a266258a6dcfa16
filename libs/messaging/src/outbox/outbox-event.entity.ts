import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One event written by the service in the same transaction as the change it describes
 * (transactional outbox, spec §5). `sequence` orders the relay; `published_at` is set only after
 * the transport acknowledged the event.
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_unpublished', ['sequence'], { where: 'published_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  sequence!: string;

  @Column({ type: 'uuid', unique: true })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text', nullable: true })
  entity!: string | null;

  @Column({ type: 'timestamptz' })
  time!: Date;

  @Column({ type: 'jsonb' })
  data!: object;

  @Column({ type: 'text', nullable: true })
  traceparent!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
