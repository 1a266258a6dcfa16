import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Topics } from '@platform/contracts';
import { InProcessBus } from '@platform/messaging';
import {
  assertionFor,
  createTestDatabase,
  eventually,
  TEST_ASSERTION_KEYS,
  TestDatabase,
} from '@platform/testing';
import { createApp } from './bootstrap';
import { chainHash } from './chain/hash-chain';
import { AuditRecordEntity } from './records/audit-record.entity';

const ADMIN = { clientId: 'admin', scopes: ['platform.admin', 'audit.read'] };

/*
 * Hardening item 9 on the running audit service: its own database connection (which logs in as a
 * superuser here, as under `npm start`) cannot change or remove a record, and someone who can —
 * and recomputes every SHA-256 of the chain — is still caught by GET /audit/v1/chain/verify,
 * because the chain is signed with AUDIT_CHAIN_KEY, which the database never sees.
 */
describe('the audit store against its own service and a keyless rewrite (ADR 0006)', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let base: string;
  let sql: Client;
  const bus = new InProcessBus();

  const publishDecision = (n: number): Promise<void> =>
    bus.publish([
      {
        topic: Topics.Security,
        id: randomUUID(),
        type: 'security.decision',
        source: 'gateway',
        time: new Date().toISOString(),
        subject: `s${n}`,
        data: {
          action: 'gateway.token',
          outcome: 'denied',
          actorClient: `c${n}`,
          ip: '203.0.113.9',
        },
      },
    ]);
  const count = async (): Promise<number> =>
    ((await sql.query('SELECT count(*)::int AS n FROM audit_records')).rows[0] as { n: number }).n;
  const verify = async (): Promise<Record<string, unknown>> => {
    const res = await fetch(`${base}/audit/v1/chain/verify`, {
      headers: { 'x-platform-assertion': await assertionFor('audit', ADMIN) },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    db = await createTestDatabase('audit_store');
    app = await createApp({
      env: {
        PORT: '0',
        DATABASE_URL: db.url,
        ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
        AUDIT_CHAIN_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
      },
      bus,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await bus.start();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    for (let n = 1; n <= 6; n++) await publishDecision(n);
    await eventually(async () => ((await count()) === 6 ? true : undefined));
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
  });

  it("refuses UPDATE, DELETE, TRUNCATE and trigger changes on the service's own connection", async () => {
    const own = app.get(DataSource);
    for (const statement of [
      "UPDATE audit_records SET outcome = 'allowed' WHERE seq = 2",
      'DELETE FROM audit_records WHERE seq = 2',
      'TRUNCATE audit_records',
    ]) {
      await expect(own.query(statement)).rejects.toThrow(
        /permission denied for table audit_records/,
      );
    }
    await expect(
      own.query('ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only'),
    ).rejects.toThrow(/must be (the )?owner/);
    // …and it still appends: the role may INSERT.
    await publishDecision(7);
    await eventually(async () => ((await count()) === 7 ? true : undefined));
    expect(await verify()).toEqual({ valid: true, checked: 7 });
  });

  it('reports a rewrite that recomputed every later hash and the head, done directly in SQL', async () => {
    const rows = await app
      .get(DataSource)
      .manager.find(AuditRecordEntity, { order: { seq: 'ASC' } });
    await sql.query('BEGIN');
    await sql.query('ALTER TABLE audit_records DISABLE TRIGGER USER');
    await sql.query('ALTER TABLE audit_chain_head DISABLE TRIGGER USER');
    let prevHash = rows[1].hash;
    for (const row of rows.slice(2)) {
      if (row.seq === '3') row.actorClient = 'someone-else';
      row.prevHash = prevHash;
      row.hash = chainHash(prevHash, row);
      await sql.query(
        'UPDATE audit_records SET actor_client = $2, prev_hash = $3, hash = $4 WHERE seq = $1',
        [row.seq, row.actorClient, row.prevHash, row.hash],
      );
      prevHash = row.hash;
    }
    await sql.query('UPDATE audit_chain_head SET hash = $1 WHERE id = 1', [prevHash]);
    await sql.query('ALTER TABLE audit_records ENABLE TRIGGER USER');
    await sql.query('ALTER TABLE audit_chain_head ENABLE TRIGGER USER');
    await sql.query('COMMIT');

    expect(await verify()).toMatchObject({ valid: false, checked: 3, brokenAt: '3' });
  });
});
