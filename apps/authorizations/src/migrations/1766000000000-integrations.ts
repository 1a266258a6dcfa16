import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A context's integration (ADR 15 stage 2, `001_*`): its channels, its requests for the channels
 * operations sets up, its self-homologation runs and the latest result of each check.
 */
export class Integrations1766000000000 implements MigrationInterface {
  name = 'Integrations1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE integrations (
      entity text NOT NULL,
      database text NOT NULL,
      files boolean NOT NULL DEFAULT false,
      api boolean NOT NULL DEFAULT false,
      homologated_at timestamptz,
      homologated_run uuid,
      updated_by text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (entity, database))`);
    await q.query(`CREATE TABLE channel_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      entity text NOT NULL,
      database text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('connect-direct', 'sftp')),
      message text,
      status text NOT NULL CHECK (status IN ('pending', 'done')),
      requested_by text NOT NULL,
      done_by text,
      done_at timestamptz,
      note text,
      created_at timestamptz NOT NULL DEFAULT now())`);
    // One pending request per context and channel: asking twice is a 409, not two tickets.
    await q.query(`CREATE UNIQUE INDEX channel_requests_one_pending
      ON channel_requests (entity, database, channel) WHERE status = 'pending'`);
    await q.query('CREATE INDEX channel_requests_status ON channel_requests (status, created_at)');
    await q.query(`CREATE TABLE homologation_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      entity text NOT NULL,
      database text NOT NULL,
      started_by text NOT NULL,
      started_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'passed', 'failed')),
      finished_at timestamptz)`);
    await q.query(
      'CREATE INDEX homologation_runs_context ON homologation_runs (entity, database, started_at DESC)',
    );
    await q.query(`CREATE TABLE integration_checks (
      entity text NOT NULL,
      database text NOT NULL,
      "check" text NOT NULL,
      run_id uuid,
      passed boolean NOT NULL,
      skipped boolean NOT NULL DEFAULT false,
      detail text NOT NULL,
      evidence jsonb NOT NULL,
      checked_by text NOT NULL,
      completed_at timestamptz NOT NULL,
      event_id text NOT NULL,
      PRIMARY KEY (entity, database, "check"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['integration_checks', 'homologation_runs', 'channel_requests', 'integrations'])
      await q.query(`DROP TABLE ${t}`);
  }
}
