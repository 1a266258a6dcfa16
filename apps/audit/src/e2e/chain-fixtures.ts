import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '@platform/testing';
import type { EventEnvelope } from '@platform/contracts';
import { migrations } from '../migrations';
import { AuditRecordEntity } from '../records/audit-record.entity';
import { AuditWriter } from '../records/audit-writer';
import { ChainMac } from '../chain/chain-mac';

/** Test fixtures shared by the chain's integration tests. */

export const TEST_CHAIN_KEY = randomBytes(32);
export const testChainMac = new ChainMac(TEST_CHAIN_KEY);
export const testWriter = new AuditWriter(testChainMac);

export const decisionEvent = (n: number): EventEnvelope<unknown> => ({
  id: randomUUID(),
  type: 'security.decision',
  source: 'gateway',
  time: new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString(),
  subject: `s${n}`,
  data: {
    action: 'gateway.route',
    outcome: n % 2 ? 'denied' : 'allowed',
    actorClient: `c${n}`,
    details: { b: 2, a: [1, 'x'] },
  },
});

/** An audit chain on a fresh database of its own. */
export async function freshChain(
  prefix: string,
): Promise<{ ds: DataSource; close(): Promise<void> }> {
  const db = await createTestDatabase(prefix);
  const ds = await new DataSource({
    type: 'postgres',
    url: db.url,
    entities: [AuditRecordEntity],
    migrations,
  }).initialize();
  await ds.runMigrations();
  return {
    ds,
    close: async () => {
      await ds.destroy();
      await db.drop();
    },
  };
}
