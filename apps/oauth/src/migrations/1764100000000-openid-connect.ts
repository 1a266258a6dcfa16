import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID Connect (docs/oauth.md "OpenID Connect"): what an ID token and RP-initiated logout need.
 * Additive only (expand), so a running older instance keeps working while this one rolls out.
 * - clients: the post-logout redirect URIs they registered (RP-Initiated Logout 1.0 §3);
 * - sessions: a public session id (`sid`), never the cookie's value or its digest;
 * - codes: the request's `nonce` and the session's `auth_time` and `sid`, for the ID token;
 * - refresh tokens: `auth_time` and `sid` of the sign-in behind the family, so a refresh can mint
 *   an ID token that says the same (OIDC Core §12.2) and a logout can end the family.
 */
export class OpenIdConnect1764100000000 implements MigrationInterface {
  name = 'OpenIdConnect1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE oauth_clients ADD COLUMN post_logout_redirect_uris jsonb NOT NULL DEFAULT '[]'`,
    );
    await q.query(
      `ALTER TABLE oauth_sessions ADD COLUMN sid uuid NOT NULL DEFAULT gen_random_uuid()`,
    );
    await q.query(`ALTER TABLE oauth_authorization_codes
      ADD COLUMN nonce text, ADD COLUMN auth_time timestamptz, ADD COLUMN sid uuid`);
    await q.query(
      `ALTER TABLE oauth_refresh_tokens ADD COLUMN auth_time timestamptz, ADD COLUMN sid uuid`,
    );
    await q.query(
      `CREATE INDEX oauth_refresh_tokens_sid ON oauth_refresh_tokens (sid) WHERE sid IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS oauth_refresh_tokens_sid`);
    await q.query(`ALTER TABLE oauth_refresh_tokens DROP COLUMN auth_time, DROP COLUMN sid`);
    await q.query(
      `ALTER TABLE oauth_authorization_codes DROP COLUMN nonce, DROP COLUMN auth_time, DROP COLUMN sid`,
    );
    await q.query(`ALTER TABLE oauth_sessions DROP COLUMN sid`);
    await q.query(`ALTER TABLE oauth_clients DROP COLUMN post_logout_redirect_uris`);
  }
}
