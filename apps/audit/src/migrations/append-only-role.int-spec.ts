import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { InProcessBus } from '@platform/messaging';
import { createTestDatabase, TEST_ASSERTION_KEYS, TestDatabase } from '@platform/testing';
import { createApp } from '../bootstrap';

/*
 * The deployment shape of docker compose: the audit service logs in as the owner of its database,
 * not a superuser, with CREATEROLE only. Its migrations must still set up the append-only role
 * (create it on a fresh server, join it), and its queries must then run as that role.
 */
describe('the audit migrations as a database owner that is no superuser', () => {
  const owner = `t_audit_owner_${randomBytes(4).toString('hex')}`;
  let db: TestDatabase;
  let admin: Client;
  let app: NestFastifyApplication | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('audit_owner');
    const server = new URL(db.url);
    server.pathname = '/postgres';
    admin = new Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`CREATE ROLE ${owner} LOGIN CREATEROLE NOSUPERUSER PASSWORD 'owner-pw'`);
    await admin.query(`ALTER DATABASE ${db.name} OWNER TO ${owner}`);
    // Roles are server-wide: where another suite made audit_appender already, Postgres 16+ lets
    // only its admins grant it, so the operator would grant it (docs: ADR 0006), as here.
    const [existing] = (
      await admin.query("SELECT 1 FROM pg_roles WHERE rolname = 'audit_appender'")
    ).rows as unknown[];
    if (existing) await admin.query(`GRANT audit_appender TO ${owner}`);
    const inDb = new Client({ connectionString: db.url });
    await inDb.connect();
    await inDb.query(`ALTER SCHEMA public OWNER TO ${owner}`);
    await inDb.end();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await admin.query(`REVOKE audit_appender FROM ${owner}`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS ${owner}`);
    await admin.end();
  });

  it('migrates, then runs the service as audit_appender', async () => {
    const url = new URL(db.url);
    url.username = owner;
    url.password = 'owner-pw';
    app = await createApp({
      env: {
        PORT: '0',
        DATABASE_URL: url.toString(),
        ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
        AUDIT_CHAIN_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
      },
      bus: new InProcessBus(),
    });
    const own = app.get(DataSource);
    expect(await own.query('SELECT current_user AS "user", session_user AS "login"')).toEqual([
      { user: 'audit_appender', login: owner },
    ]);
    await expect(own.query('DELETE FROM audit_records')).rejects.toThrow(/permission denied/);
    const [{ n }] = (await own.query('SELECT count(*)::int AS n FROM audit_records')) as {
      n: number;
    }[];
    expect(n).toBe(0);
  });
});
