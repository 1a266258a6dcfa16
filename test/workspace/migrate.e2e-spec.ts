import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { InProcessBus } from '@platform/messaging';
import { createTestDatabase, TEST_ASSERTION_KEYS, type TestDatabase } from '@platform/testing';
import { createApp } from '../../apps/users/src/bootstrap';
import { schemaMigrations } from '../../apps/users/src/schema';
import { BUILD_LIMIT_MS } from './support/build';
import { root } from './support/deployment-files';

const run = promisify(execFile);
/** The users app's own migrations, by class name, as the command reports them. */
const NAMES = schemaMigrations.map((m) => m.name);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Migrations as their own deployment step (spec §9): with MIGRATIONS_RUN=false an app refuses
 * to start on a database that lacks its migrations and names the command; `npm run migrate <app>`
 * applies them; then the app starts without touching the schema.
 */
describe('npm run migrate and MIGRATIONS_RUN=false', () => {
  let db: TestDatabase;
  let sql: Client;
  const apps: NestFastifyApplication[] = [];

  const boot = (extra: Record<string, string>): Promise<NestFastifyApplication> =>
    createApp({
      env: {
        PORT: '0',
        DATABASE_URL: db.url,
        ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
        LOG_LEVEL: 'silent',
        ...extra,
      },
      bus: new InProcessBus(),
    }).then((app) => (apps.push(app), app));

  /** `npm run migrate …` with only the given database variables; resolves to exit code and output. */
  const migrate = (args: string[], env: Record<string, string>) =>
    run('npm', ['run', '--silent', 'migrate', '--', ...args], {
      cwd: root,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
      timeout: BUILD_LIMIT_MS,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? 1,
        output: (e.stdout ?? '') + (e.stderr ?? ''),
      }),
    );

  const tables = async (): Promise<string[]> =>
    (
      await sql.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      )
    ).rows.map((r) => r.table_name);

  beforeAll(async () => {
    db = await createTestDatabase('migrate_step');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await sql?.end();
    await db?.drop();
  });

  it('refuses to start while migrations are pending, naming the command, and changes nothing', async () => {
    await expect(boot({ MIGRATIONS_RUN: 'false' })).rejects.toThrow(
      new RegExp(
        escape(
          `the users database lacks ${NAMES.length} migration(s) (${NAMES.join(', ')}) and MIGRATIONS_RUN=false: run \`npm run migrate users\` first`,
        ),
      ),
    );
    expect(await tables()).toEqual([]);
  });

  it(
    'applies them with `npm run migrate users`, printing what it applied, once',
    async () => {
      const first = await migrate(['users'], { USERS_DATABASE_URL: db.url });
      expect(first).toEqual({
        code: 0,
        output: expect.stringMatching(
          new RegExp(
            `\\[migrate\\] users: applied ${NAMES.length} in [\\d.]+ s ${escape(JSON.stringify(NAMES))}`,
          ),
        ) as string,
      });
      expect(await tables()).toEqual(
        expect.arrayContaining(['migrations', 'outbox_events', 'users']),
      );
      const again = await migrate(['users'], { DATABASE_URL: db.url });
      expect(again).toEqual({
        code: 0,
        output: expect.stringContaining('[migrate] users: up to date') as string,
      });
    },
    BUILD_LIMIT_MS,
  );

  it('then starts with MIGRATIONS_RUN=false and reports ready to the image health check', async () => {
    const app = await boot({ MIGRATIONS_RUN: 'false' });
    await app.listen(0, '127.0.0.1');
    const port = new URL(await app.getUrl()).port;
    const check = await run(process.execPath, [join(root, 'tools', 'healthcheck.mjs')], {
      env: { PATH: process.env['PATH'], APP: 'users', PORT: port },
    });
    expect(check.stderr).toBe('');
  });

  it(
    'exits non-zero naming what is wrong: an unknown app, a missing or unreachable database',
    async () => {
      expect(await migrate(['nosuch'], { DATABASE_URL: db.url })).toEqual({
        code: 1,
        output: expect.stringContaining('[migrate] failed: no migrations for nosuch') as string,
      });
      expect(await migrate(['users', 'audit'], { DATABASE_URL: db.url })).toEqual({
        code: 1,
        output: expect.stringContaining('no database for users: set USERS_DATABASE_URL') as string,
      });
      const closed = 'postgres://postgres@127.0.0.1:1/nothing';
      expect(await migrate(['users'], { USERS_DATABASE_URL: closed })).toEqual({
        code: 1,
        output: expect.stringContaining('[migrate] failed: users: connect ECONNREFUSED') as string,
      });
    },
    BUILD_LIMIT_MS,
  );
});
