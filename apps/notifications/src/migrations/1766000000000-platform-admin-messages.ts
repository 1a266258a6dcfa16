import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages for the platform's administrators (ADR 15 stage 2: a context's request for an SFTP or
 * Connect:Direct channel): a third destination, read by every caller holding `platform.admin`.
 */
export class PlatformAdminMessages1766000000000 implements MigrationInterface {
  name = 'PlatformAdminMessages1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_destination_check,
      ADD CONSTRAINT messages_destination_check
        CHECK (destination IN ('USER', 'CONTEXT', 'PLATFORM_ADMINS'))`);
    await q.query(`CREATE INDEX messages_platform_admins ON messages (created_at DESC)
      WHERE destination = 'PLATFORM_ADMINS'`);
  }

  /** Refuses while such messages exist, rather than deleting what administrators were told. */
  async down(q: QueryRunner): Promise<void> {
    const rows: unknown[] = await q.query(
      `SELECT 1 FROM messages WHERE destination = 'PLATFORM_ADMINS' LIMIT 1`,
    );
    if (rows.length > 0)
      throw new Error('messages to platform administrators exist: delete them before going down');
    await q.query('DROP INDEX messages_platform_admins');
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_destination_check,
      ADD CONSTRAINT messages_destination_check CHECK (destination IN ('USER', 'CONTEXT'))`);
  }
}
