import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox and dead-letter tables of @platform/messaging, in every service database. */
export class Messaging1700000000000 implements MigrationInterface {
  name = 'Messaging1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outbox_events (
      sequence bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      topic text NOT NULL,
      type text NOT NULL,
      source text NOT NULL,
      subject text NOT NULL,
      entity text,
      time timestamptz NOT NULL,
      data jsonb NOT NULL,
      traceparent text,
      published_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text)`);
    // The relay only ever scans unpublished rows; a partial index keeps that cheap forever.
    await q.query(
      'CREATE INDEX outbox_events_unpublished ON outbox_events (sequence) WHERE published_at IS NULL',
    );
    await q.query(`CREATE TABLE inbox_events (
      event_id text NOT NULL,
      consumer_group text NOT NULL,
      type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, consumer_group))`);
    await q.query(`CREATE TABLE dead_letters (
      id bigserial PRIMARY KEY,
      event_id text NOT NULL,
      consumer_group text NOT NULL,
      topic text NOT NULL,
      type text,
      envelope jsonb NOT NULL,
      error text NOT NULL,
      attempts int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT dead_letters_event_group UNIQUE (event_id, consumer_group))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dead_letters');
    await q.query('DROP TABLE inbox_events');
    await q.query('DROP TABLE outbox_events');
  }
}
