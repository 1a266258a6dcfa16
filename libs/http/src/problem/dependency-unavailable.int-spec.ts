import { Client } from 'pg';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { isDependencyUnavailable } from './dependency-unavailable';
import { toProblem } from './problem.filter';

/** The jest global setup's Postgres (libs/http may not import @platform/testing). */
const postgresAdminUrl = (): string => {
  const url = process.env['TEST_PG_URL'];
  if (!url) throw new Error('run with jest (its global setup provides TEST_PG_URL)');
  return url;
};

/**
 * Found by `npm run test:chaos`: while Postgres restarted, every write answered 500. Errors of an
 * unreachable database are 503 (retry shortly); the real errors pg and TypeORM raise are used.
 */
describe('a database out of reach is a 503, not a 500', () => {
  it('when the server refuses connections', async () => {
    const client = new Client({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres' });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDependencyUnavailable(error)).toBe(true);
    expect(toProblem(error)).toMatchObject({ status: 503, title: 'Service Unavailable' });
  });

  it('when the server shuts the connection (restart: 57P01) and on the dead connection after', async () => {
    const client = new Client({ connectionString: postgresAdminUrl() });
    client.on('error', () => undefined);
    await client.connect();
    const terminated = await client.query('select pg_terminate_backend(pg_backend_pid())').then(
      () => undefined,
      (e: unknown) => e,
    );
    const afterwards = await client.query('select 1').then(
      () => undefined,
      (e: unknown) => e,
    );
    await client.end().catch(() => undefined);
    for (const error of [terminated, afterwards]) {
      expect(isDependencyUnavailable(error)).toBe(true);
      // As TypeORM wraps it for a repository call.
      const wrapped = new QueryFailedError('insert into x', [], error as Error);
      expect(toProblem(wrapped).status).toBe(503);
    }
  });

  it('when the connection of a TypeORM transaction dies between two of its queries', async () => {
    // Found by `npm run test:chaos` (Postgres restarted during a revocation): pg's client emits
    // `error`, TypeORM releases the query runner, and the transaction's next query throws an
    // "already released" error that says nothing of the database: it answered 500. Both ways a
    // repository reaches the runner: the manager's `query`, and a query builder's.
    const dataSource = await new DataSource({
      type: 'postgres',
      url: postgresAdminUrl(),
    }).initialize();
    const admin = new Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    const afterDeath = async (next: (m: EntityManager) => Promise<unknown>) =>
      dataSource
        .transaction(async (manager) => {
          const [{ pid }] = (await manager.query('select pg_backend_pid() as pid')) as {
            pid: number;
          }[];
          await admin.query('select pg_terminate_backend($1)', [pid]);
          await new Promise((r) => setTimeout(r, 200));
          await next(manager);
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
    try {
      const errors = [
        await afterDeath((m) => m.query('select 1')),
        await afterDeath((m) =>
          m.createQueryBuilder().update('pg_class').set({ relname: 'x' }).where('false').execute(),
        ),
      ];
      expect(errors.map((e) => (e as Error).name)).toEqual([
        'QueryRunnerProviderAlreadyReleasedError',
        'QueryRunnerAlreadyReleasedError',
      ]);
      for (const error of errors) {
        expect(isDependencyUnavailable(error)).toBe(true);
        expect(toProblem(error)).toMatchObject({ status: 503 });
      }
    } finally {
      await admin.end();
      await dataSource.destroy();
    }
  });

  it('but a query that is wrong stays a 500 (a defect, not an outage)', async () => {
    const client = new Client({ connectionString: postgresAdminUrl() });
    await client.connect();
    const error = await client.query('select * from no_such_table_anywhere').then(
      () => undefined,
      (e: unknown) => e,
    );
    await client.end();
    expect(isDependencyUnavailable(new QueryFailedError('select', [], error as Error))).toBe(false);
    expect(toProblem(error).status).toBe(500);
  });
});
