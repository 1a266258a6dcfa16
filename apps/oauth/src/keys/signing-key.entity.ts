import type { JWK } from 'jose';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An access-token signing key. The private half is AES-256-GCM encrypted at rest. */
@Entity('oauth_signing_keys')
export class SigningKeyEntity {
  @PrimaryColumn('text') kid!: string;
  @Column('text') alg!: string;
  @Column('jsonb', { name: 'public_jwk' }) publicJwk!: JWK;
  @Column('text', { name: 'private_key_enc' }) privateKeyEnc!: string;
  /** current → previous (still in the JWKS) → retired (gone). */
  @Column('text') status!: 'current' | 'previous' | 'retired';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
