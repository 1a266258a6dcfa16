import { generateAssertionKeys } from '@platform/auth';
import { InProcessBus } from '@platform/messaging';
import { createTestDatabase, type TestDatabase } from '@platform/testing';
import { createApp } from '../bootstrap';

const env = (extra: Record<string, string>) => ({
  ASSERTION_PRIVATE_KEY: generateAssertionKeys().privateKey,
  LOG_LEVEL: 'silent',
  ...extra,
});

/**
 * What a production gateway needs to keep its promises (ADR 0013): an event feed, without which
 * it hears of no revocation after its boot (spec §3), and a database for the outbox of its
 * refusals (spec §7). Development may go without either, with a warning.
 */
describe('booting the gateway', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase('gateway_boot')));
  afterAll(async () => db?.drop());

  it('refuses to start in production without an event feed, saying why in one sentence', async () => {
    await expect(
      createApp({ env: env({ NODE_ENV: 'production', DATABASE_URL: db.url }) }),
    ).rejects.toThrow(
      /^KAFKA_BROKERS is not set and there is no in-process bus, so the gateway would never hear of a revocation after it starts: set KAFKA_BROKERS \(or run the platform with npm start\)\.$/,
    );
  });

  it('refuses to start in production without a database for its refusals', async () => {
    await expect(
      createApp({ env: env({ NODE_ENV: 'production' }), bus: new InProcessBus() }),
    ).rejects.toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
  });

  it('starts in production with a feed and a database, and in development without', async () => {
    for (const runtime of [
      { env: env({ NODE_ENV: 'production', DATABASE_URL: db.url }), bus: new InProcessBus() },
      { env: env({ NODE_ENV: 'development' }) },
    ]) {
      const app = await createApp(runtime);
      await app.close();
    }
  });
});
