import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@platform/testing';
import { Webhooks1764000000000 } from './1764000000000-webhooks';
import { RetiringSecrets1764100000000 } from './1764100000000-retiring-secrets';

/** A subscription row as the first migration made them, with a previous secret pair. */
const insert = (pg: Client, id: string, previous: string | null, until: string | null) =>
  pg.query(
    `INSERT INTO webhook_subscriptions (id, action, status, postback_url, tech_owner_name,
       tech_owner_email, timeout_ms, secret_enc, previous_secret_enc, previous_secret_until, owner_client_id)
     VALUES ($1, '*', 'active', 'https://r.example', 'T', 't@example.com', 1000, 'current', $2, $3, 'c')`,
    [id, previous, until],
  );

describe('webhooks migration: one previous secret becomes a list of retiring ones', () => {
  let db: TestDatabase;
  let pg: Client;
  const runner = (): QueryRunner =>
    ({ query: (sql: string) => pg.query(sql) }) as unknown as QueryRunner;

  beforeAll(async () => {
    db = await createTestDatabase('webhooks_retiring_migration');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await new Webhooks1764000000000().up(runner());
  });
  afterAll(async () => {
    await pg?.end();
    await db?.drop();
  });

  it('keeps a previous secret still in its grace period, drops an ended one, and goes back down', async () => {
    const until = new Date(Date.now() + 3_600_000);
    await insert(
      pg,
      '00000000-0000-4000-8000-000000000001',
      'sealed-previous',
      until.toISOString(),
    );
    await insert(
      pg,
      '00000000-0000-4000-8000-000000000002',
      'sealed-ended',
      '2020-01-01T00:00:00Z',
    );
    await insert(pg, '00000000-0000-4000-8000-000000000003', null, null);
    await new RetiringSecrets1764100000000().up(runner());
    const rows = (
      await pg.query('SELECT id, retiring_secrets FROM webhook_subscriptions ORDER BY id')
    ).rows as { retiring_secrets: { secretEnc: string; until: string }[] }[];
    expect(rows.map((r) => r.retiring_secrets.map((s) => s.secretEnc))).toEqual([
      ['sealed-previous'],
      [],
      [],
    ]);
    expect(Date.parse(rows[0]!.retiring_secrets[0]!.until)).toBe(until.getTime());

    await new RetiringSecrets1764100000000().down(runner());
    const back = await pg.query(
      'SELECT previous_secret_enc, previous_secret_until FROM webhook_subscriptions ORDER BY id',
    );
    expect(
      back.rows.map((r: { previous_secret_enc: string | null }) => r.previous_secret_enc),
    ).toEqual(['sealed-previous', null, null]);
  });
});
