/**
 * The backends a test run uses, decided once by the jest global setup and passed to every
 * worker through the environment.
 */
export const TEST_PG_URL = 'TEST_PG_URL';
export const TEST_KAFKA_BROKERS = 'TEST_KAFKA_BROKERS';

/** URL of a Postgres server database the tests may create databases from. */
export function postgresAdminUrl(): string {
  const url = process.env[TEST_PG_URL];
  if (!url) throw new Error('no Postgres for tests: run them with `npm test` (jest global setup)');
  return url;
}

/** Kafka brokers for this run, or undefined when none (Kafka-only tests then skip, saying so). */
export function kafkaBrokers(): string[] | undefined {
  const v = process.env[TEST_KAFKA_BROKERS];
  return v ? v.split(',') : undefined;
}

/**
 * `describe` for suites that need Kafka: skipped (and saying so) only when no broker is
 * available outside CI. Global setup already fails the run in CI when the broker is missing.
 */
export const describeKafka: jest.Describe = ((name: string, fn: () => void) =>
  kafkaBrokers()
    ? describe(name, fn)
    : describe.skip(`${name} [skipped: no Kafka broker for this run]`, fn)) as jest.Describe;
