import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Marks an event id as processed by one consumer group; written in the handler's transaction. */
@Entity({ name: 'inbox_events' })
export class InboxEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @PrimaryColumn({ name: 'consumer_group', type: 'text' })
  consumerGroup!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
