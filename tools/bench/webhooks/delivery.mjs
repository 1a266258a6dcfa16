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
import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emit, percentile, progress, round, row, sleep, summarize } from '../_lib/stats.mjs';

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
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300);
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10);
const DELIVERIES = EVENTS * SUBSCRIPTIONS;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 750);
const STEADY_SECONDS = 3;
const say = (text) => progress('webhooks', text);

async function startReceiver() {
  const arrivals = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push({
        at: performance.timeOrigin + performance.now(),
        id: req.headers['webhook-id'],
      });
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    arrivals,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** The reference: as many POSTs with a fixed concurrency, nothing in between. */
async function bareLoop(url, n) {
  const agent = new Agent({ connections: CONCURRENCY });
  const body = JSON.stringify({
    id: randomUUID(),
    action: 'user.created',
    date: new Date().toISOString(),
    data: {},
  });
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < n) {
        const t = performance.now();
        const res = await request(url, {
          method: 'POST',
          body,
          dispatcher: agent,
          headers: { 'content-type': 'application/json' },
        });
        await res.body.dump();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { value: n / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

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

function userCreated(i) {
  const id = randomUUID();
  const time = new Date().toISOString();
  const data = {
    id: `u-${randomUUID()}`,
    name: 'Bench User',
    email: 'bench@example.com',
    status: 'active',
  };
  return {
    topic: Topics.Users,
    id,
    type: 'user.created',
    source: '/bench',
    time,
    subject: data.id,
    entity: 'ent-bench',
    data,
    i,
  };
}

/** Waits until every delivery of `sentAt`'s events arrived; their event-to-arrival latencies. */
async function arrivalsOf(receiver, sentAt, expected, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mine = receiver.arrivals.filter((a) => sentAt.has(a.id));
    if (mine.length >= expected) return mine;
    if (Date.now() > until)
      throw new Error(`only ${mine.length} of ${expected} deliveries arrived`);
    await sleep(10);
  }
}

/** Publishes `n` events in batches of 50 as fast as the bus takes them; deliveries/s until the last arrived. */
async function atOnce(bus, receiver, n) {
  receiver.arrivals.length = 0;
  const sentAt = new Map();
  const started = performance.timeOrigin + performance.now();
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, k) => userCreated(i + k));
    for (const e of batch) sentAt.set(e.id, performance.timeOrigin + performance.now());
    await bus.publish(batch);
  }
  const mine = await arrivalsOf(receiver, sentAt, n * SUBSCRIPTIONS);
  const last = Math.max(...mine.map((a) => a.at));
  const latencies = mine.map((a) => a.at - sentAt.get(a.id));
  return {
    value: (n * SUBSCRIPTIONS) / ((last - started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Events at a steady rate (deliveries/s = rate), every 10 ms; latency from publish to arrival. */
async function steady(bus, receiver, deliveriesPerSecond, seconds) {
  receiver.arrivals.length = 0;
  const sentAt = new Map();
  const eventsPerSecond = deliveriesPerSecond / SUBSCRIPTIONS;
  const total = Math.round(eventsPerSecond * seconds);
  const started = performance.now();
  const publishing = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(
      total,
      Math.floor(((performance.now() - started) / 1000) * eventsPerSecond) + 1,
    );
    if (due > sent) {
      const batch = Array.from({ length: due - sent }, (_, k) => userCreated(sent + k));
      for (const e of batch) sentAt.set(e.id, performance.timeOrigin + performance.now());
      publishing.push(bus.publish(batch));
      sent = due;
    }
    await sleep(10);
  }
  await Promise.all(publishing);
  const mine = await arrivalsOf(receiver, sentAt, total * SUBSCRIPTIONS);
  const latencies = mine.map((a) => a.at - sentAt.get(a.id));
  const elapsed = (Math.max(...mine.map((a) => a.at)) - (performance.timeOrigin + started)) / 1000;
  return {
    value: percentile(latencies, 99),
    rate: (total * SUBSCRIPTIONS) / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function main() {
  const name = `bench_webhooks_${randomBytes(3).toString('hex')}`;
  const dbUrl = await ensureDatabase(PG, name);
  const receiver = await startReceiver();
  let webhooks;
  try {
    webhooks = await startWebhooks(receiver.url, dbUrl);
    say(`warm-up (${SUBSCRIPTIONS} subscriptions)`);
    await bareLoop(receiver.url, 500);
    await atOnce(webhooks.bus, receiver, Math.ceil(500 / SUBSCRIPTIONS));
    const bare = [],
      burst = [],
      paced = [];
    for (let r = 1; r <= ROUNDS; r++) {
      bare.push(await bareLoop(receiver.url, DELIVERIES));
      burst.push(await atOnce(webhooks.bus, receiver, EVENTS));
      paced.push(await steady(webhooks.bus, receiver, STEADY_RATE, STEADY_SECONDS));
      say(
        `round ${r}/${ROUNDS}: bare loop ${bare.at(-1).value.toFixed(0)} POST/s; webhooks ${burst.at(-1).value.toFixed(0)} deliveries/s;` +
          ` at ${paced.at(-1).rate.toFixed(0)}/s p50 ${paced.at(-1).p50.toFixed(1)} ms p99 ${paced.at(-1).p99.toFixed(1)} ms`,
      );
    }
    const ours = summarize(burst);
    const reference = {
      name: `bare undici POST loop (${CONCURRENCY} connections)`,
      ...summarize(bare),
    };
    const burstRow = row({
      scenario: `webhook deliveries, ${DELIVERIES.toLocaleString('en-US')} at once (${EVENTS} events × ${SUBSCRIPTIONS} subscriptions), attempts recorded`,
      unit: 'deliveries/s',
      ours,
      reference,
      higherIsBetter: true,
      target: '≥ 3,000/s, ≥ 0.3× the loop',
    });
    burstRow.met = ours.median >= 3000 && burstRow.ratio >= 0.3;
    const pacedRate = round(
      percentile(
        paced.map((p) => p.rate),
        50,
      ),
      0,
    );
    const pacedRow = row({
      scenario: `webhook event-to-delivery latency at ${STEADY_RATE} deliveries/s (achieved ${pacedRate}/s)`,
      unit: 'ms',
      ours: summarize(paced),
      higherIsBetter: false,
      target: 'p99 ≤ 100 ms at 750/s',
    });
    pacedRow.met =
      pacedRow.ours.p99 <= 100 && STEADY_RATE >= 750 && pacedRate >= STEADY_RATE * 0.95;
    emit([burstRow, pacedRow]);
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
