import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { migrateDatabase, withDatabase } from '@platform/persistence';
import { postgresAdminUrl } from '@platform/testing';
import { schemaMigrations } from '../../apps/users/src/schema';
import { root } from './support/deployment-files';

const run = promisify(execFile);

/**
 * tools/compose/postgres-init.sh, run against the test server as the postgres image runs it at
 * first boot: one login role per service that owns its database and nothing else. Roles are
 * cluster-wide, so this run's names carry a random prefix and are dropped afterwards.
 */
describe('compose Postgres roles (tools/compose/postgres-init.sh)', () => {
  const admin = new URL(postgresAdminUrl());
  const prefix = `t_roles_${randomBytes(3).toString('hex')}`;
  const users = `${prefix}_users`;
  const audit = `${prefix}_audit`;
  const passwords = {
    [users]: randomBytes(12).toString('hex'),
    [audit]: randomBytes(12).toString('hex'),
  };
  let sql: Client;

  const initScript = (pw: Record<string, string>) =>
    run('bash', [join(root, 'tools', 'compose', 'postgres-init.sh')], {
      env: {
        PATH: process.env['PATH'],
        PGHOST: admin.hostname,
        PGPORT: admin.port || '5432',
        PGPASSWORD: decodeURIComponent(admin.password),
        POSTGRES_USER: decodeURIComponent(admin.username),
        POSTGRES_DB: admin.pathname.slice(1),
        CREATEROLE_SERVICES: audit,
        ...Object.fromEntries(
          Object.entries(pw).map(([r, p]) => [`${r.toUpperCase()}_DB_PASSWORD`, p]),
        ),
      },
    });
  const urlAs = (role: string, database: string): string => {
    const url = new URL(withDatabase(admin.toString(), database));
    url.username = role;
    url.password = passwords[role] ?? '';
    return url.toString();
  };

  beforeAll(async () => {
    sql = new Client({ connectionString: admin.toString() });
    await sql.connect();
    await initScript(passwords);
  });
  afterAll(async () => {
    for (const name of [users, audit]) {
      await sql.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await sql.query(`DROP ROLE IF EXISTS "${name}"`);
    }
    await sql.end();
  });

  it('makes one login role per service, no superuser, no CREATEDB; CREATEROLE for audit only', async () => {
    const { rows } = await sql.query(
      `SELECT rolname, rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls
         FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname`,
      [[users, audit]],
    );
    const flags = { rolcanlogin: true, rolsuper: false, rolcreatedb: false, rolbypassrls: false };
    expect(rows).toEqual([
      { rolname: audit, ...flags, rolcreaterole: true },
      { rolname: users, ...flags, rolcreaterole: false },
    ]);
  });

  it('gives each role its own database, which no other role may connect to', async () => {
    const { rows } = await sql.query(
      `SELECT datname, pg_get_userbyid(datdba) AS owner,
              has_database_privilege($2, datname, 'CONNECT') AS users_may_connect
         FROM pg_database WHERE datname = ANY($1) ORDER BY datname`,
      [[users, audit], users],
    );
    expect(rows).toEqual([
      { datname: audit, owner: audit, users_may_connect: false },
      { datname: users, owner: users, users_may_connect: true },
    ]);
    const intruder = new Client({ connectionString: urlAs(users, audit) });
    await expect(intruder.connect()).rejects.toMatchObject({ code: '42501' });
  });

  it("lets the service's role run its migrations in its database, owning the tables", async () => {
    const { applied } = await migrateDatabase(urlAs(users, users), 'users', schemaMigrations);
    expect(applied.length).toBe(schemaMigrations.length);
    const own = new Client({ connectionString: urlAs(users, users) });
    await own.connect();
    try {
      const { rows } = await own.query<{ owner: string }>(
        "SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'",
      );
      expect(rows).toEqual([{ owner: users }]);
    } finally {
      await own.end();
    }
  });

  it('runs again without error, e.g. to apply a changed password', async () => {
    passwords[users] = randomBytes(12).toString('hex');
    await expect(initScript(passwords)).resolves.toMatchObject({
      stdout: expect.stringContaining(`role and database ${users}`) as string,
    });
  });
});
