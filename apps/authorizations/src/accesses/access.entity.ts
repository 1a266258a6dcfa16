import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type AccessRole = 'admin' | 'technician' | 'user';

/**
 * A user's access to a context (`002_*` "Autorizações"). Its id is what callers send as
 * `User-Access`. A removed access stays as `active = false`, so the gateway's check and the
 * history agree.
 */
@Entity({ name: 'accesses' })
export class AccessEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'user_id' }) user: string;
  @Column('boolean') admin: boolean;
  @Column('text') role: AccessRole;
  @Column('text') entity: string;
  @Column('text') database: string;
  @Column('boolean', { default: true }) active: boolean;
  @Column('text', { name: 'granted_by', nullable: true }) grantedBy: string | null;
  @Column('text', { name: 'revoked_by', nullable: true }) revokedBy: string | null;
  /** Its last use through the gateway (`access.used`), to the minute; null: never used. */
  @Column('timestamptz', { name: 'last_activity_at', nullable: true }) lastActivityAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
