import { MigrationInterface, QueryRunner } from 'typeorm';

export class OauthSchema1763900000000 implements MigrationInterface {
  name = 'OauthSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE oauth_clients (
      id text PRIMARY KEY, name text NOT NULL, kind text NOT NULL, secret_hash text,
      redirect_uris jsonb NOT NULL DEFAULT '[]', scopes jsonb NOT NULL DEFAULT '[]',
      grant_types jsonb NOT NULL DEFAULT '[]', access_token_ttl int, refresh_tokens boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE oauth_client_tokens (
      id text PRIMARY KEY, client_id text NOT NULL, token_hash text NOT NULL UNIQUE, scope text NOT NULL,
      description text, expires_at timestamptz NOT NULL, revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX oauth_client_tokens_client ON oauth_client_tokens (client_id)`);
    await q.query(`CREATE TABLE oauth_signing_keys (
      kid text PRIMARY KEY, alg text NOT NULL, public_jwk jsonb NOT NULL, private_key_enc text NOT NULL,
      status text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX oauth_signing_keys_one_current ON oauth_signing_keys (status) WHERE status = 'current'`,
    );
    await q.query(`CREATE TABLE oauth_authorization_codes (
      code_hash text PRIMARY KEY, client_id text NOT NULL, user_id text, redirect_uri text NOT NULL,
      scope text NOT NULL, code_challenge text, expires_at timestamptz NOT NULL, used_at timestamptz,
      access_jti text, refresh_family text)`);
    await q.query(`CREATE TABLE oauth_refresh_tokens (
      token_hash text PRIMARY KEY, family_id uuid NOT NULL, client_id text NOT NULL, user_id text,
      scope text NOT NULL, access_jti text NOT NULL, expires_at timestamptz NOT NULL, used_at timestamptz,
      revoked_at timestamptz, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX oauth_refresh_tokens_family ON oauth_refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX oauth_refresh_tokens_user ON oauth_refresh_tokens (user_id)`);
    await q.query(`CREATE INDEX oauth_refresh_tokens_client ON oauth_refresh_tokens (client_id)`);
    await q.query(`CREATE TABLE oauth_revocations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text NOT NULL, subject text NOT NULL,
      issued_before timestamptz, expires_at timestamptz, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX oauth_revocations_subject ON oauth_revocations (kind, subject)`);
    await q.query(`CREATE TABLE oauth_sessions (
      id_hash text PRIMARY KEY, user_id text NOT NULL, platform_admin boolean NOT NULL DEFAULT false,
      expires_at timestamptz NOT NULL, ended_at timestamptz, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX oauth_sessions_user ON oauth_sessions (user_id)`);
    await q.query(`CREATE TABLE oauth_customers (
      id text PRIMARY KEY, name text NOT NULL, token_hash text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE oauth_sso_identifiers (
      client_application_id text NOT NULL, identifier text NOT NULL, customer_id text NOT NULL,
      user_login text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (client_application_id, identifier))`);
    await q.query(`CREATE TABLE oauth_sso_keys (
      key_hash text PRIMARY KEY, user_id text NOT NULL, client_id text NOT NULL, customer_id text NOT NULL,
      expires_at timestamptz NOT NULL, used_at timestamptz)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'oauth_sso_keys',
      'oauth_sso_identifiers',
      'oauth_customers',
      'oauth_sessions',
      'oauth_revocations',
      'oauth_refresh_tokens',
      'oauth_authorization_codes',
      'oauth_signing_keys',
      'oauth_client_tokens',
      'oauth_clients',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
