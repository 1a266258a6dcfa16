import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Runs pending migrations under a Postgres advisory lock, so several instances of one service
 * booting at once apply each migration exactly once instead of racing.
 */
export async function runMigrationsLocked(dataSource: DataSource, service: string): Promise<void> {
  const key = lockKey(`migrations:${service}`);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}

/** A stable signed 64-bit advisory-lock key for a name. */
export function lockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}
