import { MigrationInterface, QueryRunner } from 'typeorm';

/** `002_*`: the access list shows "últimas atividades": the last use of each access at the gateway. */
export class AccessLastActivity1765000000000 implements MigrationInterface {
  name = 'AccessLastActivity1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE accesses ADD COLUMN last_activity_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE accesses DROP COLUMN last_activity_at');
  }
}
