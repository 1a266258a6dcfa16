import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A customer instance (`003_*` customer_id + customer_token); the token is kept as a digest. */
@Entity('oauth_customers')
export class CustomerEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'token_hash' }) tokenHash!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** `003_*` "De-Para": an external system's user identifier → a platform login. */
@Entity('oauth_sso_identifiers')
export class SsoIdentifierEntity {
  @PrimaryColumn('text', { name: 'client_application_id' }) clientApplicationId!: string;
  @PrimaryColumn('text') identifier!: string;
  @Column('text', { name: 'customer_id' }) customerId!: string;
  @Column('text', { name: 'user_login' }) userLogin!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** The one-time SSO `key` of `003_*` §6–7: opens a session once, within 60 s. */
@Entity('oauth_sso_keys')
export class SsoKeyEntity {
  @PrimaryColumn('text', { name: 'key_hash' }) keyHash!: string;
  @Column('text', { name: 'user_id' }) userId!: string;
  @Column('text', { name: 'client_id' }) clientId!: string;
  @Column('text', { name: 'customer_id' }) customerId!: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
}
