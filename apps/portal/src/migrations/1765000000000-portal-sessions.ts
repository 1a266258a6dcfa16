import { MigrationInterface, QueryRunner } from 'typeorm';

/** The portal's server-side sessions (ADR 0015). */
export class PortalSessions1765000000000 implements MigrationInterface {
  name = 'PortalSessions1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE portal_sessions (
      id_digest text PRIMARY KEY,
      user_id text NOT NULL,
      access_token text NOT NULL,
      refresh_token text,
      access_expires_at timestamptz NOT NULL,
      scopes text NOT NULL,
      csrf_token text NOT NULL,
      access_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX portal_sessions_user ON portal_sessions (user_id)`);
    await q.query(`CREATE INDEX portal_sessions_expiry ON portal_sessions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE portal_sessions`);
  }
}
