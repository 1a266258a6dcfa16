import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@platform/testing';
import { Webhooks1764000000000 } from './1764000000000-webhooks';
import { RetiringSecrets1764100000000 } from './1764100000000-retiring-secrets';
import { SubscriptionActions1764200000000 } from './1764200000000-subscription-actions';

/** A subscription row as the earlier migrations made them: one `action`. */
const insertOld = (pg: Client, id: string, action: string) =>
  pg.query(
    `INSERT INTO webhook_subscriptions (id, action, status, postback_url, tech_owner_name,
       tech_owner_email, timeout_ms, secret_enc, owner_client_id)
     VALUES ($1, $2, 'active', 'https://r.example', 'T', 't@example.com', 1000, 'sealed', 'c')`,
    [id, action],
  );

const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe('webhooks migration: the single action becomes a list of types', () => {
  let db: TestDatabase;
  let pg: Client;
  const runner = (): QueryRunner =>
    ({ query: (sql: string) => pg.query(sql) }) as unknown as QueryRunner;
  const actions = async (): Promise<string[][]> =>
    (
      (await pg.query('SELECT actions FROM webhook_subscriptions ORDER BY id')).rows as {
        actions: string[];
      }[]
    ).map((r) => r.actions);

  beforeAll(async () => {
    db = await createTestDatabase('webhooks_actions_migration');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await new Webhooks1764000000000().up(runner());
    await new RetiringSecrets1764100000000().up(runner());
  });
  afterAll(async () => {
    await pg?.end();
    await db?.drop();
  });

  it('moves each stored action (a type or *) into the list, and goes back down', async () => {
    await insertOld(pg, ID(1), 'license.created');
    await insertOld(pg, ID(2), '*');
    await new SubscriptionActions1764200000000().up(runner());
    expect(await actions()).toEqual([['license.created'], ['*']]);
    const columns = await pg.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'webhook_subscriptions' AND column_name IN ('action', 'actions')",
    );
    expect(columns.rows).toEqual([{ column_name: 'actions' }]);
    // An empty list would receive nothing, silently: the database refuses it.
    await expect(
      pg.query(`UPDATE webhook_subscriptions SET actions = '{}' WHERE id = $1`, [ID(1)]),
    ).rejects.toThrow(/webhook_subscriptions_actions_given/);

    await new SubscriptionActions1764200000000().down(runner());
    const back = await pg.query('SELECT action FROM webhook_subscriptions ORDER BY id');
    expect(back.rows).toEqual([{ action: 'license.created' }, { action: '*' }]);
    await new SubscriptionActions1764200000000().up(runner());
  });

  it('refuses to go down while a subscription names several types (it would narrow silently)', async () => {
    await pg.query(
      `UPDATE webhook_subscriptions SET actions = '{license.created,license.revoked}' WHERE id = $1`,
      [ID(1)],
    );
    await expect(new SubscriptionActions1764200000000().down(runner())).rejects.toThrow(
      /several event types/,
    );
    expect(await actions()).toEqual([['license.created', 'license.revoked'], ['*']]);
  });
});
