import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A subscription may name several event types (spec §9): the single `action` becomes the list
 * `actions`, each row's type (or `*`) moving into it as a one-element list, so nothing is lost
 * and every subscription receives exactly what it did before. A GIN index serves the feed's
 * "does the list overlap {type, *}" match, as the old index served "action = type".
 */
export class SubscriptionActions1764200000000 implements MigrationInterface {
  name = 'SubscriptionActions1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE webhook_subscriptions ADD COLUMN actions text[]');
    await q.query('UPDATE webhook_subscriptions SET actions = ARRAY[action]');
    await q.query(`ALTER TABLE webhook_subscriptions
      ALTER COLUMN actions SET NOT NULL,
      ADD CONSTRAINT webhook_subscriptions_actions_given CHECK (cardinality(actions) > 0)`);
    await q.query('DROP INDEX IF EXISTS webhook_subscriptions_match');
    await q.query('ALTER TABLE webhook_subscriptions DROP COLUMN action');
    await q.query(
      "CREATE INDEX webhook_subscriptions_actions ON webhook_subscriptions USING gin (actions) WHERE status = 'active'",
    );
  }

  /**
   * Back to one type per subscription. A subscription of several types has no such form: rather
   * than silently narrowing what it receives, going down refuses while one exists.
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM webhook_subscriptions WHERE cardinality(actions) > 1) THEN
        RAISE EXCEPTION 'webhook subscriptions with several event types exist: give each one type (PUT) before migrating down';
      END IF; END $$`);
    await q.query('ALTER TABLE webhook_subscriptions ADD COLUMN action text');
    await q.query('UPDATE webhook_subscriptions SET action = actions[1]');
    await q.query('ALTER TABLE webhook_subscriptions ALTER COLUMN action SET NOT NULL');
    await q.query('DROP INDEX webhook_subscriptions_actions');
    await q.query('ALTER TABLE webhook_subscriptions DROP COLUMN actions');
    await q.query(
      "CREATE INDEX webhook_subscriptions_match ON webhook_subscriptions (action, owner_entity) WHERE status = 'active'",
    );
  }
}
