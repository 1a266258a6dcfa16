import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type RequestStatus = 'pending' | 'approved' | 'denied';

/** A user's request for access to a context, decided by that context's admins (`002_*`). */
@Entity({ name: 'access_requests' })
export class AccessRequestEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'user_id' }) user: string;
  @Column('text') entity: string;
  @Column('text') database: string;
  @Column('text', { nullable: true }) message: string | null;
  @Column('text') status: RequestStatus;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('uuid', { name: 'access_id', nullable: true }) accessId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
