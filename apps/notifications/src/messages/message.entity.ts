import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** `PLATFORM_ADMINS`: every caller holding `platform.admin` (ADR 15 stage 2). */
export type Destination = 'USER' | 'CONTEXT' | 'PLATFORM_ADMINS';
/** Who in a context sees a CONTEXT message: everyone, or only its admins (access requests). */
export type Audience = 'all' | 'admins';

/** A notification (`002_*` "Notificações"), stored with the fields the seed's POST sends. */
@Entity({ name: 'messages' })
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'system_id', nullable: true }) systemId: string | null;
  @Column('text') text: string;
  @Column('text', { nullable: true }) link: string | null;
  @Column('text', { nullable: true }) source: string | null;
  @Column('text', { name: 'user_id', nullable: true }) user: string | null;
  @Column('int', { nullable: true }) priority: number | null;
  @Column('boolean', { default: false }) process: boolean;
  @Column('boolean', { default: false }) progress: boolean;
  @Column('text', { name: 'cancellation_link', nullable: true }) cancellationLink: string | null;
  @Column('text', { name: 'tracking_link', nullable: true }) trackingLink: string | null;
  @Column('text', { nullable: true }) status: string | null;
  @Column('real', { nullable: true }) percentage: number | null;
  @Column('text') destination: Destination;
  @Column('text', { name: 'aggregation_message_id', nullable: true }) aggregationMessageId:
    string | null;
  @Column('text', { nullable: true }) entity: string | null;
  @Column('text', { nullable: true }) database: string | null;
  @Column('text', { default: 'all' }) audience: Audience;
  @Column('text', { nullable: true }) type: string | null;
  @Column('text', { nullable: true }) icon: string | null;
  @Column('boolean', { default: false }) closed: boolean;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** The caller's read mark, joined in by list queries (not a column). */
  readMark?: MessageReadEntity | null;
}

/** Read state per user: a CONTEXT message is read or unread separately for each of its readers. */
@Entity({ name: 'message_reads' })
export class MessageReadEntity {
  @PrimaryColumn('uuid', { name: 'message_id' }) messageId: string;
  @PrimaryColumn('text', { name: 'user_id' }) userId: string;
  @CreateDateColumn({ name: 'read_at', type: 'timestamptz' }) readAt: Date;
}
