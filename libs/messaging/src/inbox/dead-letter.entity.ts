import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * An event this service's consumer gave up on (in-process bus only; over Kafka dead letters go to
 * `<topic>.dlq`). Kept with its envelope and the last error so an operator can replay it.
 */
@Entity({ name: 'dead_letters' })
@Unique('dead_letters_event_group', ['eventId', 'consumerGroup'])
export class DeadLetterEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'consumer_group', type: 'text' })
  consumerGroup!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text', nullable: true })
  type!: string | null;

  @Column({ type: 'jsonb' })
  envelope!: object;

  @Column({ type: 'text' })
  error!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
