// Boots the built oauth app (dist/) on a free port, with its own database on the given Postgres
// server and the in-process bus; prints `READY <url>` and serves until killed. With
// BENCH_WITH_GATEWAY=1 the gateway runs in the same process in front of it, as `npm start` runs
// every app in one process, and the URL printed is the gateway's.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = process.env.BENCH_ROOT;
const out = (p) => join(root, 'dist', 'out', p);
const { createApp } = require(join(root, 'dist', 'apps', 'oauth', 'bootstrap.js'));
const { InProcessBus } = require(out('libs/messaging/src/index.js'));
const { ensureDatabase, dropDatabase, freePort } = require(out('libs/persistence/src/index.js'));
const { generateAssertionKeys } = require(out('libs/auth/src/index.js'));

const admin = process.env.BENCH_PG_URL;
const dbName = `bench_oauth_${randomBytes(4).toString('hex')}`;
const url = await ensureDatabase(admin, dbName);
const port = await freePort();
const keys = process.env.BENCH_ASSERTION_PRIVATE_KEY
  ? {
      privateKey: process.env.BENCH_ASSERTION_PRIVATE_KEY,
      publicKey: process.env.BENCH_ASSERTION_PUBLIC_KEY,
    }
  : generateAssertionKeys();
// BENCH_KAFKA_BROKERS: events over Kafka (the mock broker), as a team deploys the apps; else the
// in-process bus of `npm start`.
const kafka = process.env.BENCH_KAFKA_BROKERS;
const bus = kafka ? undefined : new InProcessBus();
const app = await createApp({
  bus,
  env: {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    ASSERTION_PUBLIC_KEY: keys.publicKey,
    ASSERTION_PRIVATE_KEY: keys.privateKey,
    OAUTH_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BOOTSTRAP_CLIENT_ID: process.env.BENCH_CLIENT_ID,
    BOOTSTRAP_CLIENT_SECRET: process.env.BENCH_CLIENT_SECRET,
    ...(kafka ? { KAFKA_BROKERS: kafka } : {}),
  },
});
await app.listen({ port, host: '127.0.0.1' });
let served = `http://127.0.0.1:${port}`;
if (process.env.BENCH_WITH_GATEWAY === '1') {
  const { startGateway, emptyOwner } = await import('../../gateway/servers/gateway.mjs');
  const owner = await emptyOwner();
  const gateway = await startGateway({
    upstreams: { OAUTH: served },
    fallback: owner.url,
    assertionPrivateKey: keys.privateKey,
    jwksUrl: `${served}/auth/oauth2/jwks`,
    issuer: served,
    bus,
    kafkaBrokers: kafka ?? '',
    // Its feed is the bus, which starts once every app on it subscribed.
    waitForSnapshots: false,
  });
  await bus?.start();
  await gateway.caughtUp();
  served = gateway.url;
} else {
  await bus?.start();
}
process.stdout.write(`READY ${served}\n`);
const stop = async () => {
  await app.close().catch(() => undefined);
  await dropDatabase(admin, dbName).catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
