import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk replay (`…/deliveries/replay`) looks up one subscription's failed deliveries by the time
 * they were made; failed ones are few beside the succeeded, so a partial index keeps it cheap.
 */
export class FailedDeliveriesIndex1764300000000 implements MigrationInterface {
  name = 'FailedDeliveriesIndex1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE INDEX webhook_deliveries_failed ON webhook_deliveries (subscription_id, created_at) WHERE status = 'failed'",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX webhook_deliveries_failed');
  }
}
