import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Idempotency-Key records of one service, in its own database. The primary key (caller, key)
 * is what makes a concurrent retry lose: only one INSERT of a pair succeeds. `response` is the
 * first answer's JSON, sealed when `sealed` (it may hold a one-time secret); `withheld` marks an
 * answer that held a secret and was not kept (a service without a key to seal it).
 */
export class IdempotencyKeys1765000000000 implements MigrationInterface {
  name = 'IdempotencyKeys1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE idempotency_keys (
      caller text NOT NULL,
      key text NOT NULL,
      claim uuid NOT NULL,
      fingerprint text NOT NULL,
      state text NOT NULL CHECK (state IN ('in_flight', 'done')),
      status integer,
      response text,
      sealed boolean NOT NULL DEFAULT false,
      withheld boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (caller, key))`);
    await q.query('CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys');
  }
}

/** Add to a service's migration list (its `schema.ts`) to give its create routes `@Idempotent()`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const idempotencyMigrations: Function[] = [IdempotencyKeys1765000000000];
