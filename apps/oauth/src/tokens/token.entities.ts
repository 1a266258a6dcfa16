import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An authorization code (RFC 6749 §4.1.2): one use, 60 s, bound to client and redirect URI. */
@Entity('oauth_authorization_codes')
export class AuthorizationCodeEntity {
  @PrimaryColumn('text', { name: 'code_hash' }) codeHash!: string;
  @Column('text', { name: 'client_id' }) clientId!: string;
  /** Null for anonymous clients, which skip the login (`002_*`). */
  @Column('text', { name: 'user_id', nullable: true }) userId!: string | null;
  @Column('text', { name: 'redirect_uri' }) redirectUri!: string;
  @Column('text') scope!: string;
  @Column('text', { name: 'code_challenge', nullable: true }) codeChallenge!: string | null;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
  /** What was issued from it, so a replay can revoke it (RFC 6749 §4.1.2, RFC 9700 §4.5). */
  @Column('text', { name: 'access_jti', nullable: true }) accessJti!: string | null;
  @Column('text', { name: 'refresh_family', nullable: true }) refreshFamily!: string | null;
  /** OpenID Connect: the request's `nonce`, echoed in the ID token (OIDC Core §3.1.2.1). */
  @Column('text', { nullable: true }) nonce!: string | null;
  /** The sign-in behind the code (session start and id): `auth_time` and `sid` of the ID token. */
  @Column('timestamptz', { name: 'auth_time', nullable: true }) authTime!: Date | null;
  @Column('uuid', { nullable: true }) sid!: string | null;
}

/**
 * A refresh token. Each use makes a new one in the same family (rotation, RFC 9700 §4.14.2);
 * presenting a used one revokes the family.
 */
@Entity('oauth_refresh_tokens')
export class RefreshTokenEntity {
  @PrimaryColumn('text', { name: 'token_hash' }) tokenHash!: string;
  @Column('uuid', { name: 'family_id' }) familyId!: string;
  @Column('text', { name: 'client_id' }) clientId!: string;
  @Column('text', { name: 'user_id', nullable: true }) userId!: string | null;
  @Column('text') scope!: string;
  /** The access token issued with it, revoked with the family on replay. */
  @Column('text', { name: 'access_jti' }) accessJti!: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  /**
   * Set when the family began with an OpenID Connect sign-in: a refresh then mints an ID token
   * with the original `auth_time` and `sid` (OIDC Core §12.2), and ending that session ends it.
   */
  @Column('timestamptz', { name: 'auth_time', nullable: true }) authTime!: Date | null;
  @Column('uuid', { nullable: true }) sid!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/**
 * What is revoked: one token (`jti`), or every token of a client or user issued before a time.
 * Introspection and tokeninfo consult it; the gateway learns the same from `token.revoked`.
 */
@Entity('oauth_revocations')
export class RevocationEntity {
  @PrimaryGeneratedColumn('identity') id!: string;
  @Column('text') kind!: 'token' | 'client' | 'user';
  @Column('text') subject!: string;
  @Column('timestamptz', { name: 'issued_before', nullable: true }) issuedBefore!: Date | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
