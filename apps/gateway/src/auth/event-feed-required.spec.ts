import { generateAssertionKeys } from '@platform/auth';
import { InProcessBus } from '@platform/messaging';
import { createApp } from '../bootstrap';

const env = (extra: Record<string, string>) => ({
  ASSERTION_PRIVATE_KEY: generateAssertionKeys().privateKey,
  LOG_LEVEL: 'silent',
  ...extra,
});

/**
 * Without Kafka or the in-process bus the gateway hears of no revocation after its boot
 * (spec §3): production must not start like that; development may, with a warning.
 */
describe('the gateway without an event feed', () => {
  it('refuses to start in production, saying why in one sentence', async () => {
    await expect(createApp({ env: env({ NODE_ENV: 'production' }) })).rejects.toThrow(
      /^KAFKA_BROKERS is not set and there is no in-process bus, so the gateway would never hear of a revocation after it starts: set KAFKA_BROKERS \(or run the platform with npm start\)\.$/,
    );
  });

  it('starts in production with the in-process bus of npm start, and in development without', async () => {
    for (const runtime of [
      { env: env({ NODE_ENV: 'production' }), bus: new InProcessBus() },
      { env: env({ NODE_ENV: 'development' }) },
    ]) {
      const app = await createApp(runtime);
      await app.close();
    }
  });
});
