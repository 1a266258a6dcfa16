import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '@platform/persistence';
import { postgresAdminUrl } from './backends';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one suite on the run's Postgres server; drop it in afterAll. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const admin = postgresAdminUrl();
  const name = `t_${prefix
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const url = await ensureDatabase(admin, name);
  return { name, url, drop: () => dropDatabase(admin, name) };
}
