import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery keeps the trace context of the event it carries (W3C `traceparent`), so its sends,
 * however much later, continue that event's trace. Nullable: rows of earlier versions have none.
 */
export class DeliveryTraceparent1764900000000 implements MigrationInterface {
  name = 'DeliveryTraceparent1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE webhook_deliveries ADD COLUMN traceparent text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE webhook_deliveries DROP COLUMN traceparent');
  }
}
