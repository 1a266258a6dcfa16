import { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the audit service's queries run under (PersistenceModule's `sessionRole`). */
export const AUDIT_APPENDER_ROLE = 'audit_appender';

/**
 * Append-only by privilege, not only by trigger (ADR 0006): the service runs its queries as
 * `audit_appender`, which may INSERT and SELECT audit records and nothing else there (no UPDATE,
 * DELETE or TRUNCATE, and, not owning the table, no way to drop its triggers), so even the
 * service's own connection cannot change history when it logs in as a superuser (`npm start`).
 * The chain head may only move forward one record at a time. Records and head gain a `mac`
 * (HMAC with AUDIT_CHAIN_KEY, which the database never sees): a rewrite that recomputes the plain
 * hashes no longer verifies.
 */
export class AuditAppendOnlyRole1731000000200 implements MigrationInterface {
  name = 'AuditAppendOnlyRole1731000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_records ADD COLUMN mac text');
    await q.query('ALTER TABLE audit_chain_head ADD COLUMN mac text');
    await this.createRole(q);
    await this.grant(q);
    await q.query(`CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1 THEN
          RAISE EXCEPTION 'audit_chain_head moves forward one record at a time: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE OR DELETE ON audit_chain_head
      FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only()`);
    await q.query(`CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
      FOR EACH STATEMENT EXECUTE FUNCTION audit_records_refuse_change()`);
  }

  /**
   * Roles belong to the whole Postgres server, so it may exist already (another audit database on
   * the same server, or two migrations at once: both errors are taken as "it exists").
   * The migrating user must be able to SET ROLE to it (a superuser always can).
   */
  private async createRole(q: QueryRunner): Promise<void> {
    await q.query(`DO $$
      BEGIN
        BEGIN
          CREATE ROLE ${AUDIT_APPENDER_ROLE} NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
        IF NOT pg_has_role(current_user, '${AUDIT_APPENDER_ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT ${AUDIT_APPENDER_ROLE} TO %I', current_user);
        END IF;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'the audit migration needs role ${AUDIT_APPENDER_ROLE}: give % CREATEROLE, or create it and GRANT ${AUDIT_APPENDER_ROLE} TO % (ADR 0006)',
          current_user, current_user USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  /**
   * Ordinary DML on the service's tables (the messaging outbox/inbox, and, by default privileges,
   * tables later migrations add: an append-only one must REVOKE), except: audit records INSERT and
   * SELECT only, the head SELECT and UPDATE (its trigger allows only moving forward), and the
   * migrations table untouchable (a deleted row would make a migration run again).
   */
  private async grant(q: QueryRunner): Promise<void> {
    const role = AUDIT_APPENDER_ROLE;
    await q.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    );
    await q.query(`REVOKE ALL ON audit_records, audit_chain_head FROM PUBLIC, ${role}`);
    await q.query(`GRANT SELECT, INSERT ON audit_records TO ${role}`);
    await q.query(`GRANT SELECT, UPDATE ON audit_chain_head TO ${role}`);
    await q.query(
      `REVOKE ALL ON ${q.connection.options.migrationsTableName ?? 'migrations'} FROM ${role}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const role = AUDIT_APPENDER_ROLE;
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${role}`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${role}`,
    );
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${role}`);
    await q.query('DROP TRIGGER audit_chain_head_no_truncate ON audit_chain_head');
    await q.query('DROP TRIGGER audit_chain_head_forward_only ON audit_chain_head');
    await q.query('DROP FUNCTION audit_chain_head_forward_only()');
    await q.query('ALTER TABLE audit_chain_head DROP COLUMN mac');
    await q.query('ALTER TABLE audit_records DROP COLUMN mac');
  }
}
