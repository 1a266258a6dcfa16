import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed-in browser. The cookie holds a random id; only its SHA-256 digest is stored, and the
 * user's tokens are sealed (AES-256-GCM, bound to the row and field) so a copy of the table
 * holds no usable credential.
 */
@Entity('portal_sessions')
export class SessionEntity {
  @PrimaryColumn({ name: 'id_digest', type: 'text' }) idDigest!: string;
  @Column({ name: 'user_id', type: 'text' }) userId!: string;
  @Column({ name: 'access_token', type: 'text' }) accessToken!: string;
  @Column({ name: 'refresh_token', type: 'text', nullable: true }) refreshToken!: string | null;
  @Column({ name: 'access_expires_at', type: 'timestamptz' }) accessExpiresAt!: Date;
  @Column({ type: 'text' }) scopes!: string;
  /** Synchronizer token the SPA echoes in `x-csrf-token` on every state-changing call. */
  @Column({ name: 'csrf_token', type: 'text' }) csrfToken!: string;
  /** The access (`User-Access`) the user picked; null until a context is chosen. */
  @Column({ name: 'access_id', type: 'text', nullable: true }) accessId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'last_seen_at', type: 'timestamptz' }) lastSeenAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}
