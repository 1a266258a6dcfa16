import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type SubscriptionStatus = 'active' | 'inactive' | 'disabled';
export type OAuth2AuthType = 'client_secret_basic' | 'client_secret_post';

/** The non-secret part of a subscription's OAuth2 card (`001_*`); the client secret is apart, sealed. */
export interface OAuth2Settings {
  tokenUrl: string;
  clientId: string;
  scope?: string;
  authType: OAuth2AuthType;
}

/**
 * A signing secret rotated out that still signs until `until` (ISO time): spec §6 gives each one
 * 24 h from its own rotation, so two rotations in a day leave two of them signing.
 */
export interface RetiringSecret {
  /** Sealed with the `previous_secret` binding. */
  secretEnc: string;
  until: string;
}

/** A webhook subscription (`004_*`). Columns ending in `Enc` hold SecretBox-sealed values. */
@Entity({ name: 'webhook_subscriptions' })
export class SubscriptionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** The event types it receives, sorted; `['*']` for every type (spec §9: several types). */
  @Column({ type: 'text', array: true }) actions!: string[];
  @Column({ type: 'text' }) status!: SubscriptionStatus;
  @Column({ name: 'postback_url', type: 'text' }) postbackUrl!: string;
  @Column({ name: 'tech_owner_name', type: 'text' }) techOwnerName!: string;
  @Column({ name: 'tech_owner_email', type: 'text' }) techOwnerEmail!: string;
  /** JSON object of every client header, sealed: values may be tokens (`004_*`). */
  @Column({ name: 'client_headers_enc', type: 'text', nullable: true }) clientHeadersEnc!:
    string | null;
  @Column({ name: 'client_header_names', type: 'text', array: true }) clientHeaderNames!: string[];
  @Column({ name: 'rate_limit_requests', type: 'integer', nullable: true }) rateLimitRequests!:
    number | null;
  @Column({ name: 'rate_limit_per_seconds', type: 'integer', nullable: true })
  rateLimitPerSeconds!: number | null;
  @Column({ name: 'timeout_ms', type: 'integer' }) timeoutMs!: number;
  @Column({ type: 'jsonb', nullable: true }) oauth2!: OAuth2Settings | null;
  @Column({ name: 'oauth2_secret_enc', type: 'text', nullable: true }) oauth2SecretEnc!:
    string | null;
  @Column({ name: 'secret_enc', type: 'text' }) secretEnc!: string;
  @Column({ name: 'retiring_secrets', type: 'jsonb' }) retiringSecrets!: RetiringSecret[];
  @Column({ name: 'owner_client_id', type: 'text' }) ownerClientId!: string;
  @Column({ name: 'owner_user_id', type: 'text', nullable: true }) ownerUserId!: string | null;
  @Column({ name: 'owner_entity', type: 'text', nullable: true }) ownerEntity!: string | null;
  @Column({ name: 'owner_database', type: 'text', nullable: true }) ownerDatabase!: string | null;
  /** Made by `platform.admin` outside any context: sees the events of every context (spec §6). */
  @Column({ name: 'owner_all_contexts', type: 'boolean' }) ownerAllContexts!: boolean;
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;
  @Column({ name: 'failures_since_success', type: 'integer' }) failuresSinceSuccess!: number;
  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;
  @Column({ name: 'disabled_reason', type: 'text', nullable: true }) disabledReason!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
