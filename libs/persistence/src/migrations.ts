import { createHash } from 'node:crypto';
import { DataSource, MigrationExecutor, type DataSourceOptions, type MixedList } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type MigrationList = MixedList<Function | string>;

/** The command that applies a service's migrations as a deployment step (tools/migrate.mjs). */
export const migrateCommand = (service: string): string => `npm run migrate ${service}`;

/**
 * Thrown at boot with `MIGRATIONS_RUN=false` while the database lacks migrations this build
 * needs: the app would otherwise serve requests against a schema it does not know.
 */
export class PendingMigrationsError extends Error {
  constructor(
    readonly service: string,
    readonly pending: string[],
  ) {
    super(
      `the ${service} database lacks ${pending.length} migration(s) (${pending.join(', ')}) and ` +
        `MIGRATIONS_RUN=false: run \`${migrateCommand(service)}\` first (or boot with MIGRATIONS_RUN=true)`,
    );
    this.name = 'PendingMigrationsError';
  }
}

/** The options every data source of a service uses for its migrations (boot and `npm run migrate`). */
export function migrationOptions(
  url: string,
  service: string,
  migrations: MigrationList,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    // Applied by runMigrationsLocked, under a lock; TypeORM's own run takes none.
    migrationsRun: false,
    applicationName: service,
  };
}

/**
 * Runs pending migrations under a Postgres advisory lock, so several instances of one service
 * booting at once (or a boot beside `npm run migrate`) apply each migration exactly once instead
 * of racing. Resolves to the names of the migrations it applied.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const key = lockKey(`migrations:${String(dataSource.driver.database)}`);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}

/** Names of the migrations this build has that the database has not applied, in order. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  return pending.map((m) => m.name);
}

/**
 * What a service does with its schema at boot: apply pending migrations (`MIGRATIONS_RUN=true`),
 * or only check that none is pending and refuse to start otherwise.
 */
export async function prepareSchema(
  dataSource: DataSource,
  service: string,
  runMigrations: boolean,
): Promise<void> {
  if (runMigrations) {
    await runMigrationsLocked(dataSource);
    return;
  }
  const pending = await pendingMigrations(dataSource);
  if (pending.length > 0) throw new PendingMigrationsError(service, pending);
}

/** One service's migrations as a deployment step: applies what is pending, then disconnects. */
export async function migrateDatabase(
  url: string,
  service: string,
  migrations: MigrationList,
): Promise<{ pending: string[]; applied: string[] }> {
  const dataSource = await new DataSource(migrationOptions(url, service, migrations)).initialize();
  try {
    const pending = await pendingMigrations(dataSource);
    const applied = pending.length > 0 ? await runMigrationsLocked(dataSource) : [];
    return { pending, applied };
  } finally {
    await dataSource.destroy();
  }
}

/** A stable signed 64-bit advisory-lock key for a name. */
export function lockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}
