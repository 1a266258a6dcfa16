import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ClientKind, GrantType } from './client-kinds';

/** An OAuth client (RFC 6749 §2). The secret is kept only as a SHA-256 digest (see docs/oauth.md). */
@Entity('oauth_clients')
export class ClientEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text') kind!: ClientKind;
  @Column('text', { name: 'secret_hash', nullable: true }) secretHash!: string | null;
  @Column('jsonb', { name: 'redirect_uris' }) redirectUris!: string[];
  /** Where RP-initiated logout may send the browser afterwards (OIDC RP-Initiated Logout 1.0 §3). */
  @Column('jsonb', { name: 'post_logout_redirect_uris' }) postLogoutRedirectUris!: string[];
  @Column('jsonb') scopes!: string[];
  @Column('jsonb', { name: 'grant_types' }) grantTypes!: GrantType[];
  @Column('int', { name: 'access_token_ttl', nullable: true }) accessTokenTtl!: number | null;
  @Column('boolean', { name: 'refresh_tokens' }) refreshTokens!: boolean;
  /** The license the client's access is bound to (`000_*`); null when unbound. */
  @Column('text', { name: 'license_id', nullable: true }) licenseId!: string | null;
  /** When `licenseId` was last set: the time of the event that announced it (gateway view). */
  @Column('timestamptz', { name: 'license_bound_at', nullable: true }) licenseBoundAt!: Date | null;
  /** The context that owns the client (ADR 15 stage 2); null for the platform's own clients. */
  @Column('text', { name: 'owner_entity', nullable: true }) ownerEntity!: string | null;
  @Column('text', { name: 'owner_database', nullable: true }) ownerDatabase!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;

  /** Public clients (browser, anonymous) cannot keep a secret: PKCE is mandatory for them. */
  get isPublic(): boolean {
    return this.secretHash === null;
  }
}

/** A long-lived client access token (`000_*`), stored as a digest; revocable one by one. */
@Entity('oauth_client_tokens')
export class ClientTokenEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'client_id' }) clientId!: string;
  @Column('text', { name: 'token_hash' }) tokenHash!: string;
  @Column('text') scope!: string;
  @Column('text', { nullable: true }) description!: string | null;
  /** The only endpoints the token may call (`METHOD /template`); null: its scopes decide. */
  @Column('jsonb', { nullable: true }) endpoints!: string[] | null;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
