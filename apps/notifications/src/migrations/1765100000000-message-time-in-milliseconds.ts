import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Message times kept to the millisecond, the precision of the JavaScript Date the stream's
 * (createdAt, id) cursor carries. With microseconds, a message's own time read back into a Date
 * was always earlier than the stored one, so the stream sent the same message again every second.
 */
export class MessageTimeInMilliseconds1765100000000 implements MigrationInterface {
  name = 'MessageTimeInMilliseconds1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ALTER COLUMN created_at TYPE timestamptz(3)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ALTER COLUMN created_at TYPE timestamptz`);
  }
}
