#!/usr/bin/env node
// The webhook delivery benchmark with the app as its own process over Kafka ("one process per
// app"): `node dist/apps/webhooks/main.js` consumes from librdkafka's mock broker (Debian's `kcat`,
// as the test suite uses), events are produced with kafkajs in CloudEvents binary mode, and the
// deliveries go to a loopback receiver in this process, next to the same bare undici POST loop.
// Same phases and tunables as delivery.mjs. Skipped (no rows, exit 0) when kcat is missing.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emit, progress, sleep } from '../_lib/stats.mjs';
import { mockBroker } from '../_lib/broker.mjs';
import { root } from '../_lib/platform.mjs';
import { commitsOf, measureWebhooks, startReceiver, userCreated } from '../_lib/webhooks.mjs';

const require = createRequire(join(root, 'package.json'));
const lib = (name) => require(join(root, 'dist', 'out', 'libs', name, 'src', 'index.js'));
const { AssertionSigner, generateAssertionKeys } = lib('auth');
const { ensureDatabase, dropDatabase, freePorts } = lib('persistence');
const { Topics } = lib('contracts');
const { Kafka, logLevel } = require('kafkajs');

const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300);
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 750);
const say = (text) => progress('webhooks-kafka', text);

/** CPU time (user + system) of a process so far, from /proc (Linux; clock ticks of 10 ms). */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** CloudEvents 1.0 Kafka binary mode, as the platform's producers write it. */
const message = (e) => ({
  key: e.subject,
  value: JSON.stringify(e.data),
  headers: {
    ce_specversion: '1.0',
    ce_id: e.id,
    ce_type: e.type,
    ce_source: e.source,
    ce_time: e.time,
    ce_subject: e.subject,
    ce_entity: e.entity,
    'content-type': 'application/json',
  },
});

async function main() {
  let broker;
  try {
    broker = await mockBroker();
  } catch (e) {
    say(`skipped: no kcat mock broker (${e.message}); apt-get install -y kcat`);
    return;
  }
  const name = `bench_webhooks_kafka_${randomBytes(3).toString('hex')}`;
  const dbUrl = await ensureDatabase(PG, name);
  const receiver = await startReceiver();
  const keys = generateAssertionKeys();
  const [port] = await freePorts(1);
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: dbUrl,
    ASSERTION_PUBLIC_KEY: keys.publicKey,
    LOG_LEVEL: 'warn',
    WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOKS_ALLOW_HTTP: 'true',
    WEBHOOKS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => /^(WEBHOOKS|KAFKA)_/.test(k)),
    ),
    KAFKA_BROKERS: broker.brokers,
  };
  const child = spawn(process.execPath, [join(root, 'dist', 'apps', 'webhooks', 'main.js')], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let childLog = '';
  child.stderr.on('data', (d) => (childLog = (childLog + d).slice(-4000)));
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: [broker.brokers],
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let t = Date.now(); ; await sleep(50)) {
      if (child.exitCode !== null) throw new Error(`webhooks exited: ${childLog}`);
      if (
        (await fetch(`${base}/health/ready`).then(
          (r) => r.status,
          () => 0,
        )) === 200
      )
        break;
      if (Date.now() - t > 60_000) throw new Error(`webhooks not ready: ${childLog}`);
    }
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
      const res = await fetch(`${base}/api/v1/webhooks`, {
        method: 'POST',
        headers: { 'x-platform-assertion': assertion, 'content-type': 'application/json' },
        body: JSON.stringify({
          action: 'user.created',
          postbackUrl: `${receiver.url}?s=${i}`,
          techOwnerName: 'Bench',
          techOwnerEmail: 'bench@example.com',
        }),
      });
      if (res.status !== 201)
        throw new Error(`create subscription: ${res.status} ${await res.text()}`);
    }
    await producer.connect();
    const publish = (batch) =>
      producer.send({ topic: Topics.Users, acks: -1, messages: batch.map(message) });
    const rows = await measureWebhooks({
      mode: 'per process',
      publish,
      makeEvent: () => userCreated(Topics.Users),
      receiver,
      events: EVENTS,
      fanOut: SUBSCRIPTIONS,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      steadyRate: STEADY_RATE,
      say,
      cost: async () => ({
        cpuMs: cpuMsOf(child.pid),
        commits: await commitsOf(PG, name),
        who: 'webhooks process',
      }),
    });
    for (const r of rows) r.scenario += ' — webhooks process over Kafka (mock broker)';
    emit(rows);
  } finally {
    await producer.disconnect().catch(() => undefined);
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    broker.stop();
    await receiver.close();
    await dropDatabase(PG, name);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench webhooks (kafka): ${e.stack ?? e}\n`);
    process.exit(1);
  },
);
