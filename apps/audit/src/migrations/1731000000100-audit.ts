import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit store (spec §7, ADR 0006): records linked by a SHA-256 hash chain, a
 * one-row chain head that serialises appends, and a trigger that refuses UPDATE, DELETE and
 * TRUNCATE on records whatever the code does.
 */
export class Audit1731000000100 implements MigrationInterface {
  name = 'Audit1731000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_records (
      seq bigint PRIMARY KEY,
      event_id text NOT NULL UNIQUE,
      type text NOT NULL,
      source text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      actor text,
      actor_client text,
      actor_user text,
      action text NOT NULL,
      target text,
      outcome text NOT NULL,
      ip text,
      entity text,
      request_id text,
      data text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL)`);
    await q.query('CREATE INDEX audit_records_entity_seq ON audit_records (entity, seq)');
    await q.query('CREATE INDEX audit_records_occurred_at ON audit_records (occurred_at)');
    await q.query('CREATE INDEX audit_records_type ON audit_records (type)');
    await q.query('CREATE INDEX audit_records_actor ON audit_records (actor)');
    await q.query(`CREATE TABLE audit_chain_head (
      id smallint PRIMARY KEY CHECK (id = 1),
      seq bigint NOT NULL,
      hash text NOT NULL)`);
    await q.query(`INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64))`);
    await q.query(`CREATE FUNCTION audit_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
      FOR EACH ROW EXECUTE FUNCTION audit_records_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
      FOR EACH STATEMENT EXECUTE FUNCTION audit_records_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_chain_head');
    await q.query('DROP TABLE audit_records');
    await q.query('DROP FUNCTION audit_records_refuse_change()');
  }
}
