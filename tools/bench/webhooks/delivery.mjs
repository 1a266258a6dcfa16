#!/usr/bin/env node
// Webhook delivery benchmark: events go through the webhooks app (inbox → delivery row → claim →
// signed POST → outcome) to a loopback receiver. Reports deliveries/s and event-to-delivery
// latency p50/p99, next to a bare undici POST loop to the same receiver measured in the same run.
// Needs a Postgres server: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// Tunables: BENCH_EVENTS (default 3000), BENCH_CONCURRENCY of the bare loop (default 16),
// WEBHOOKS_MAX_IN_FLIGHT_PER_SUBSCRIPTION (the app's default otherwise).
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const out = join(root, 'dist', 'out');
const lib = (name) => require(join(out, 'libs', name, 'src', 'index.js'));
const { InProcessBus } = lib('messaging');
const { AssertionSigner, generateAssertionKeys } = lib('auth');
const { ensureDatabase, dropDatabase } = lib('persistence');
const { Topics } = lib('contracts');
const { createApp } = require(join(out, 'apps', 'webhooks', 'src', 'bootstrap.js'));
const { request, Agent } = require('undici');

const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const pct = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (n) => n.toFixed(1);

async function startReceiver() {
  const arrivals = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push({ at: performance.now() + performance.timeOrigin, id: req.headers['webhook-id'] });
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, arrivals, close: () => new Promise((r) => server.close(r)) };
}

/** The reference: the same number of POSTs with a fixed concurrency, nothing in between. */
async function bareLoop(url, n) {
  const agent = new Agent({ connections: CONCURRENCY });
  const body = JSON.stringify({ id: randomUUID(), action: 'user.created', date: new Date().toISOString(), data: {} });
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < n) {
        const t = performance.now();
        const res = await request(url, { method: 'POST', body, dispatcher: agent, headers: { 'content-type': 'application/json' } });
        await res.body.dump();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { rate: n / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

async function throughWebhooks(url, receiver, dbUrl) {
  const keys = generateAssertionKeys();
  const bus = new InProcessBus();
  const app = await createApp({
    bus,
    env: {
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: dbUrl,
      ASSERTION_PUBLIC_KEY: keys.publicKey,
      LOG_LEVEL: 'warn',
      WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOKS_ALLOW_HTTP: 'true',
      WEBHOOKS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ...(process.env.WEBHOOKS_MAX_IN_FLIGHT_PER_SUBSCRIPTION
        ? { WEBHOOKS_MAX_IN_FLIGHT_PER_SUBSCRIPTION: process.env.WEBHOOKS_MAX_IN_FLIGHT_PER_SUBSCRIPTION }
        : {}),
    },
  });
  await app.init();
  await bus.start();
  const assertion = await new AssertionSigner(keys.privateKey).sign(
    { clientId: 'bench', scopes: ['webhooks.suite', 'platform.admin'], tokenId: 't', requestId: 'r' },
    'webhooks',
  );
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: { 'x-platform-assertion': assertion },
    payload: { action: '*', postbackUrl: url, techOwnerName: 'Bench', techOwnerEmail: 'bench@example.com' },
  });
  if (created.statusCode !== 201) throw new Error(`create subscription: ${created.statusCode} ${created.body}`);
  const saturated = await phase(bus, receiver, EVENTS, 50, 0);
  // Latency at a steady rate the engine keeps up with (a quarter of its saturated rate).
  const perSecond = Math.max(20, Math.round(saturated.rate / 4));
  const steady = await phase(bus, receiver, Math.min(EVENTS, perSecond * 5), Math.max(1, Math.round(perSecond / 10)), 100);
  await app.close();
  return { saturated, steady, perSecond };
}

/** Publishes `n` events in batches every `pauseMs`; measures until every one arrived. */
async function phase(bus, receiver, n, batchSize, pauseMs) {
  receiver.arrivals.length = 0;
  const sentAt = new Map();
  const started = Date.now();
  for (let i = 0; i < n; i += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, n - i) }, (_, k) => {
      const id = randomUUID();
      const time = new Date().toISOString();
      sentAt.set(id, Date.parse(time));
      const data = { id: `u-${i + k}`, name: 'Bench User', email: 'bench@example.com', status: 'active' };
      return { topic: Topics.Users, id, type: 'user.created', source: '/bench', time, subject: data.id, entity: 'ent-bench', data };
    });
    await bus.publish(batch);
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
  }
  while (new Set(receiver.arrivals.map((a) => a.id)).size < n) await new Promise((r) => setTimeout(r, 20));
  const last = Math.max(...receiver.arrivals.map((a) => a.at));
  const latencies = receiver.arrivals.map((a) => a.at - sentAt.get(a.id));
  return { rate: n / ((last - started) / 1000), p50: pct(latencies, 50), p99: pct(latencies, 99) };
}
async function main() {
  const name = `bench_webhooks_${randomBytes(3).toString('hex')}`;
  const dbUrl = await ensureDatabase(PG, name);
  const receiver = await startReceiver();
  try {
    const bare = await bareLoop(receiver.url, EVENTS);
    const hooks = await throughWebhooks(receiver.url, receiver, dbUrl);
    const { saturated, steady, perSecond } = hooks;
    process.stdout.write(
      `webhooks delivery (1 subscription, signed, attempt recorded; events through the inbox):\n` +
        `  webhooks, ${EVENTS} events at once: ${fmt(saturated.rate)} deliveries/s, event-to-delivery p50 ${fmt(saturated.p50)} ms, p99 ${fmt(saturated.p99)} ms (queueing)\n` +
        `  webhooks, steady ${perSecond} events/s: event-to-delivery p50 ${fmt(steady.p50)} ms, p99 ${fmt(steady.p99)} ms\n` +
        `  bare undici loop: ${fmt(bare.rate)} POST/s (concurrency ${CONCURRENCY}), request p50 ${fmt(bare.p50)} ms, p99 ${fmt(bare.p99)} ms\n` +
        `  ratio: webhooks reach ${fmt((100 * saturated.rate) / bare.rate)} % of the bare POST rate\n`,
    );
  } finally {
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
