import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accesses, access requests and the projection of known contexts. */
export class Authorizations1763800000000 implements MigrationInterface {
  name = 'Authorizations1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE known_entities (id text PRIMARY KEY, nome text NOT NULL)');
    await q.query('CREATE TABLE known_databases (id text PRIMARY KEY, entity_id text NOT NULL)');
    await q.query(`CREATE TABLE accesses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id text NOT NULL,
      admin boolean NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'technician', 'user')),
      entity text NOT NULL,
      database text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      granted_by text,
      revoked_by text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    // One live access per user and context; history (inactive rows) may repeat.
    await q.query(
      'CREATE UNIQUE INDEX accesses_one_active ON accesses (user_id, entity, database) WHERE active',
    );
    await q.query('CREATE INDEX accesses_context ON accesses (entity, database)');
    await q.query(`CREATE TABLE access_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id text NOT NULL,
      entity text NOT NULL,
      database text NOT NULL,
      message text,
      status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
      decided_by text,
      decided_at timestamptz,
      access_id uuid REFERENCES accesses (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX access_requests_one_pending ON access_requests (user_id, entity, database)
      WHERE status = 'pending'`);
    await q.query('CREATE INDEX access_requests_context ON access_requests (entity, database)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['access_requests', 'accesses', 'known_databases', 'known_entities'])
      await q.query(`DROP TABLE ${t}`);
  }
}
