import { join } from 'node:path';
import { Client } from 'pg';
// jest loads its global setup outside moduleNameMapper, so the alias cannot be used here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startEmbeddedPostgres } from '../../persistence/src/embedded-postgres';
import { startMockBroker } from './mock-broker';
import { TEST_KAFKA_BROKERS, TEST_PG_URL } from './backends';

interface Handles {
  stops: (() => Promise<void>)[];
}
const g = globalThis as unknown as { __platformTest?: Handles };

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Chooses the run's backends: the configured or local Postgres, else the embedded one; the
 * configured Kafka, else the kcat mock broker. In CI a missing Postgres or broker fails the run.
 */
export default async function globalSetup(): Promise<void> {
  const ci = process.env['CI'] === 'true';
  const handles: Handles = { stops: [] };
  g.__platformTest = handles;

  const pgCandidate = process.env[TEST_PG_URL] ?? DEFAULT_PG;
  let pg = (await reachable(pgCandidate)) ? pgCandidate : undefined;
  let pgLabel = `Postgres at ${redact(pgCandidate)}`;
  if (!pg) {
    if (ci) throw new Error(`CI: Postgres is not reachable at ${redact(pgCandidate)}`);
    // Under the repository's tmp/ (ignored by git and jest), whatever the working directory.
    const embedded = await startEmbeddedPostgres(
      join(__dirname, '..', '..', '..', 'tmp', 'test-postgres'),
    );
    handles.stops.push(embedded.stop);
    pg = embedded.adminUrl;
    pgLabel = `embedded Postgres (${redact(pg)}, data in ${embedded.clusterDir})`;
  }
  process.env[TEST_PG_URL] = pg;

  let kafkaLabel: string;
  if (process.env['KAFKA_BROKERS']) {
    process.env[TEST_KAFKA_BROKERS] = process.env['KAFKA_BROKERS'];
    kafkaLabel = `Kafka at ${process.env['KAFKA_BROKERS']}`;
  } else {
    try {
      const broker = await startMockBroker();
      handles.stops.push(broker.stop);
      process.env[TEST_KAFKA_BROKERS] = broker.brokers.join(',');
      kafkaLabel = `Kafka-protocol mock broker (kcat/librdkafka) at ${broker.brokers.join(',')}`;
    } catch (e) {
      if (ci) throw new Error(`CI: no Kafka broker: ${(e as Error).message}`);
      delete process.env[TEST_KAFKA_BROKERS];
      kafkaLabel = `none (${(e as Error).message}); Kafka-only tests skip`;
    }
  }
  process.stdout.write(`\nTest backends:\n  storage: ${pgLabel}\n  events:  ${kafkaLabel}\n\n`);
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  return url.replace(/:[^:@/]*@/, ':***@');
}

export async function stopBackends(): Promise<void> {
  for (const stop of g.__platformTest?.stops.reverse() ?? []) await stop().catch(() => undefined);
}
