import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createTestDatabase,
  kafkaBrokers,
  TEST_ASSERTION_KEYS,
  type TestDatabase,
} from '@platform/testing';

const FIXTURES = join(__dirname, 'fixtures');

/** A fixture app running as its own Node process (see fixtures/fixture-main.ts). */
export class FixtureProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(private readonly env: Record<string, string>) {}

  /** Starts it and waits until its apps booted. */
  start(timeoutMs = 120_000): Promise<void> {
    const child = spawn(
      process.execPath,
      ['-r', join(FIXTURES, 'register.js'), join(FIXTURES, 'fixture-main.ts')],
      {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
          ...this.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.output = '';
    const collect = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`fixture did not boot: ${this.output}`)),
        timeoutMs,
      );
      const onData = (): void => {
        if (!this.output.includes('FIXTURE_READY')) return;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve();
      };
      child.stdout.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`fixture exited (${code}) while booting: ${this.output}`));
      });
    });
  }

  /** The crash under test: no shutdown hooks, no flush, no offset commit. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  get log(): string {
    return this.output;
  }
}

/** A producer and a consumer fixture over Kafka on one topic, each with a database of its own. */
export interface KafkaPair {
  producerDb: TestDatabase;
  consumerDb: TestDatabase;
  producer: FixtureProcess;
  consumer: FixtureProcess;
  /** Kills both processes and drops both databases. */
  close(): Promise<void>;
}

/** Creates `<prefix>_producer` and `<prefix>_consumer` and the two fixtures (not started yet). */
export async function kafkaPair(
  prefix: string,
  fixture: { run: string; topic: string; aggregates: number; count: number },
  consumerEnv: Record<string, string> = {},
): Promise<KafkaPair> {
  const producerDb = await createTestDatabase(`${prefix}_producer`);
  const consumerDb = await createTestDatabase(`${prefix}_consumer`).catch(async (error) => {
    await producerDb.drop();
    throw error;
  });
  const common = {
    KAFKA_BROKERS: (kafkaBrokers() ?? []).join(','),
    KAFKA_MAX_WAIT_MS: '50',
    FIXTURE_TOPIC: fixture.topic,
    FIXTURE_AGGREGATES: String(fixture.aggregates),
  };
  const producer = new FixtureProcess({
    ...common,
    FIXTURE_ROLE: 'producer',
    FIXTURE_SERVICE: `producer-${fixture.run}`,
    FIXTURE_COUNT: String(fixture.count),
    DATABASE_URL: producerDb.url,
  });
  const consumer = new FixtureProcess({
    ...common,
    FIXTURE_ROLE: 'consumer',
    FIXTURE_SERVICE: `consumer-${fixture.run}`,
    ...consumerEnv,
    DATABASE_URL: consumerDb.url,
  });
  return {
    producerDb,
    consumerDb,
    producer,
    consumer,
    close: async () => {
      await consumer.kill();
      await producer.kill();
      await producerDb.drop();
      await consumerDb.drop();
    },
  };
}

/** Runs one query against a fixture's database. */
export async function queryOne<T>(url: string, sql: string, params: unknown[] = []): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows[0] as T;
  } finally {
    await client.end();
  }
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${describe()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface StreamReport {
  rows: number;
  distinct: number;
  commits: number;
  outOfOrder: number;
}

/**
 * What the consumer committed: rows (unique per event id), handler commits, and how many rows
 * of an aggregate came after a row with a higher (or equal) position in its stream.
 */
export function streamReport(consumerUrl: string): Promise<StreamReport> {
  return queryOne<StreamReport>(
    consumerUrl,
    `SELECT (SELECT count(*)::int FROM processed) AS rows,
            (SELECT count(DISTINCT n)::int FROM processed) AS distinct,
            (SELECT count FROM handler_commits WHERE id = 1) AS commits,
            (SELECT count(*)::int FROM (
               SELECT seq, lag(seq) OVER (PARTITION BY subject ORDER BY position) AS prev FROM processed
             ) o WHERE prev IS NOT NULL AND seq <> prev + 1) AS "outOfOrder"`,
  );
}
