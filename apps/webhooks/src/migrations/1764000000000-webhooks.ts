import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscriptions, deliveries (one per event × subscription: the durable to-do list of the engine)
 * and their attempt log. Secrets are stored encrypted (`*_enc`, AES-256-GCM, see SecretBox).
 */
export class Webhooks1764000000000 implements MigrationInterface {
  name = 'Webhooks1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE webhook_subscriptions (
      id uuid PRIMARY KEY,
      action text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'inactive', 'disabled')),
      postback_url text NOT NULL,
      tech_owner_name text NOT NULL,
      tech_owner_email text NOT NULL,
      client_headers_enc text,
      client_header_names text[] NOT NULL DEFAULT '{}',
      rate_limit_requests integer,
      rate_limit_per_seconds integer,
      rate_log timestamptz[] NOT NULL DEFAULT '{}',
      timeout_ms integer NOT NULL,
      oauth2 jsonb,
      oauth2_secret_enc text,
      secret_enc text NOT NULL,
      previous_secret_enc text,
      previous_secret_until timestamptz,
      owner_client_id text NOT NULL,
      owner_user_id text,
      owner_entity text,
      owner_database text,
      owner_all_contexts boolean NOT NULL DEFAULT false,
      failing_since timestamptz,
      failures_since_success integer NOT NULL DEFAULT 0,
      last_success_at timestamptz,
      last_claimed_at timestamptz,
      disabled_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      "CREATE INDEX webhook_subscriptions_match ON webhook_subscriptions (action, owner_entity) WHERE status = 'active'",
    );
    await q.query(
      'CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner_entity, owner_database)',
    );
    await q.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
      event_id text NOT NULL,
      event_type text NOT NULL,
      event_time timestamptz NOT NULL,
      body text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      leased_until timestamptz,
      last_status_code integer,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      UNIQUE (subscription_id, event_id))`);
    await q.query(
      "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (subscription_id, next_attempt_at) WHERE status = 'pending'",
    );
    await q.query(
      'CREATE INDEX webhook_deliveries_leased ON webhook_deliveries (subscription_id, leased_until) WHERE leased_until IS NOT NULL',
    );
    await q.query(`CREATE TABLE webhook_attempts (
      id bigserial PRIMARY KEY,
      delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
      subscription_id uuid NOT NULL,
      attempt integer NOT NULL,
      started_at timestamptz NOT NULL,
      status_code integer,
      latency_ms integer NOT NULL,
      error text,
      response_body text)`);
    await q.query('CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_attempts');
    await q.query('DROP TABLE webhook_deliveries');
    await q.query('DROP TABLE webhook_subscriptions');
  }
}
