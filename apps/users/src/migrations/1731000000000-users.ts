import { MigrationInterface, QueryRunner } from 'typeorm';

/** The user directory, credentials (argon2id hashes) and photos. */
export class Users1731000000000 implements MigrationInterface {
  name = 'Users1731000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users (
      id text PRIMARY KEY,
      name text NOT NULL,
      email text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      platform_admin boolean NOT NULL DEFAULT false,
      permissions text[] NOT NULL DEFAULT '{}',
      password_hash text,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query('CREATE INDEX users_name ON users (name)');
    await q.query('CREATE INDEX users_email ON users (lower(email))');
    // Photos live apart so listing users never drags image bytes along.
    await q.query(`CREATE TABLE user_photos (
      user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      content_type text NOT NULL,
      data bytea NOT NULL,
      sha256 text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE user_photos');
    await q.query('DROP TABLE users');
  }
}
