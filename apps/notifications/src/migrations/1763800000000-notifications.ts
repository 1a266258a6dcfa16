import { MigrationInterface, QueryRunner } from 'typeorm';

/** Messages and their per-user read state. */
export class Notifications1763800000000 implements MigrationInterface {
  name = 'Notifications1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      system_id text,
      text text NOT NULL,
      link text, source text,
      user_id text,
      priority int,
      process boolean NOT NULL DEFAULT false,
      progress boolean NOT NULL DEFAULT false,
      cancellation_link text, tracking_link text,
      status text,
      percentage real,
      destination text NOT NULL CHECK (destination IN ('USER', 'CONTEXT')),
      aggregation_message_id text,
      entity text, database text,
      audience text NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'admins')),
      type text, icon text,
      closed boolean NOT NULL DEFAULT false,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (destination <> 'USER' OR user_id IS NOT NULL),
      CHECK (destination <> 'CONTEXT' OR entity IS NOT NULL))`);
    await q.query(
      `CREATE INDEX messages_user ON messages (user_id, created_at DESC) WHERE destination = 'USER'`,
    );
    await q.query(
      `CREATE INDEX messages_context ON messages (entity, database, created_at DESC) WHERE destination = 'CONTEXT'`,
    );
    await q.query(`CREATE TABLE message_reads (
      message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
      user_id text NOT NULL,
      read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, user_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE message_reads');
    await q.query('DROP TABLE messages');
  }
}
