#!/usr/bin/env node
// Webhook delivery benchmark: events go through the webhooks app (inbox → delivery rows → claim →
// signed POST → attempt and outcome recorded) to a loopback receiver, next to a bare undici POST
// loop to the same receiver, interleaved round by round in the same run.
//   1. "3,000 events at once": BENCH_EVENTS (300) events published as fast as the bus takes them,
//      each matching BENCH_SUBSCRIPTIONS (10) subscriptions — 3,000 deliveries — and timed until
//      the last one arrived. The reference POSTs as many bodies with BENCH_CONCURRENCY (16).
//   2. Event-to-delivery latency at a steady BENCH_STEADY_RATE (750) deliveries/s for 3 s.
// Needs a Postgres server: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), and
// `node tools/build.mjs` first (npm run bench does). BENCH_ROUNDS (3) rounds after a warm-up.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emit, progress } from '../_lib/stats.mjs';
import { commitsOf, measureWebhooks, startReceiver, userCreated } from '../_lib/webhooks.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const out = join(root, 'dist', 'out');
const lib = (name) => require(join(out, 'libs', name, 'src', 'index.js'));
const { InProcessBus } = lib('messaging');
const { AssertionSigner, generateAssertionKeys } = lib('auth');
const { ensureDatabase, dropDatabase } = lib('persistence');
const { Topics } = lib('contracts');
const { createApp } = require(join(out, 'apps', 'webhooks', 'src', 'bootstrap.js'));

const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300);
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 750);
const say = (text) => progress('webhooks', text);

async function startWebhooks(url, dbUrl) {
  const keys = generateAssertionKeys();
  const bus = new InProcessBus();
  const app = await createApp({
    bus,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('WEBHOOKS_'))),
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: dbUrl,
      ASSERTION_PUBLIC_KEY: keys.publicKey,
      LOG_LEVEL: 'warn',
      WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOKS_ALLOW_HTTP: 'true',
      WEBHOOKS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    },
  });
  await app.init();
  await bus.start();
  const assertion = await new AssertionSigner(keys.privateKey).sign(
    {
      clientId: 'bench',
      scopes: ['webhooks.suite', 'platform.admin'],
      tokenId: 't',
      requestId: 'r',
    },
    'webhooks',
  );
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: { 'x-platform-assertion': assertion },
      payload: {
        action: 'user.created',
        postbackUrl: `${url}?s=${i}`,
        techOwnerName: 'Bench',
        techOwnerEmail: 'bench@example.com',
      },
    });
    if (created.statusCode !== 201)
      throw new Error(`create subscription: ${created.statusCode} ${created.body}`);
  }
  return { app, bus };
}

async function main() {
  const name = `bench_webhooks_${randomBytes(3).toString('hex')}`;
  const dbUrl = await ensureDatabase(PG, name);
  const receiver = await startReceiver();
  let webhooks;
  try {
    webhooks = await startWebhooks(receiver.url, dbUrl);
    const rows = await measureWebhooks({
      mode: 'one process',
      publish: (batch) => webhooks.bus.publish(batch),
      makeEvent: () => userCreated(Topics.Users),
      receiver,
      events: EVENTS,
      fanOut: SUBSCRIPTIONS,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      steadyRate: STEADY_RATE,
      say,
      // This process: the webhooks app, the receiver and the publisher alike.
      cost: async () => {
        const { user, system } = process.cpuUsage();
        return {
          cpuMs: (user + system) / 1000,
          commits: await commitsOf(PG, name),
          who: 'bench process',
        };
      },
    });
    emit(rows);
  } finally {
    await webhooks?.app.close();
    await receiver.close();
    await dropDatabase(PG, name);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench webhooks: ${e.stack ?? e}\n`);
    process.exit(1);
  },
);
