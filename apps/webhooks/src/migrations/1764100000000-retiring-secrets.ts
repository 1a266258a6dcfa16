import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every secret rotated out keeps signing for its own 24 h (spec §6): one `previous_secret` pair
 * lost the first of two rotations made within a day. The pair becomes a list; a previous secret
 * still in its grace period moves into it as is (same sealed value, same binding).
 */
export class RetiringSecrets1764100000000 implements MigrationInterface {
  name = 'RetiringSecrets1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE webhook_subscriptions ADD COLUMN retiring_secrets jsonb NOT NULL DEFAULT '[]'`,
    );
    await q.query(`UPDATE webhook_subscriptions
      SET retiring_secrets = jsonb_build_array(jsonb_build_object(
        'secretEnc', previous_secret_enc, 'until', to_jsonb(previous_secret_until)))
      WHERE previous_secret_enc IS NOT NULL AND previous_secret_until > now()`);
    await q.query(`ALTER TABLE webhook_subscriptions
      DROP COLUMN previous_secret_enc, DROP COLUMN previous_secret_until`);
  }

  /** Back to one previous secret: the one that signs longest. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_subscriptions
      ADD COLUMN previous_secret_enc text, ADD COLUMN previous_secret_until timestamptz`);
    await q.query(`UPDATE webhook_subscriptions s
      SET previous_secret_enc = last.value ->> 'secretEnc',
          previous_secret_until = (last.value ->> 'until')::timestamptz
      FROM (SELECT DISTINCT ON (id) id, value FROM webhook_subscriptions,
              jsonb_array_elements(retiring_secrets) ORDER BY id, (value ->> 'until')::timestamptz DESC) last
      WHERE last.id = s.id`);
    await q.query('ALTER TABLE webhook_subscriptions DROP COLUMN retiring_secrets');
  }
}
