import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A login session; the cookie carries a random id, the table only its digest. */
@Entity('oauth_sessions')
export class SessionEntity {
  @PrimaryColumn('text', { name: 'id_hash' }) idHash!: string;
  @Column('text', { name: 'user_id' }) userId!: string;
  /** The public session id of ID tokens (`sid`, OIDC Front-Channel Logout §3): not the secret. */
  @Column('uuid') sid!: string;
  @Column('boolean', { name: 'platform_admin' }) platformAdmin!: boolean;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
