#!/usr/bin/env node
// Client-credentials token requests (JWT access tokens on both sides, ES256): this platform's
// token endpoint reached through its gateway, against oidc-provider v9, measured side by side in
// one run (same machine, same concurrency), the load generator (undici) in this process.
// `npm run bench -- oauth`. Knobs: BENCH_SECONDS (per variant, default 10), BENCH_ROUNDS
// (default 5), BENCH_CONNECTIONS (default 32).
//
// Ours runs two ways, as the issue asks:
// - per process: the gateway and oauth each in their own process (as a team deploys them), their
//   events over Kafka on librdkafka's mock broker (`kcat`; without kcat, no broker: said so);
// - one process: gateway and oauth in one process, as `npm start` runs the apps.
// and, for where the time goes, oauth alone without the gateway. Interleaved rounds (ours and the
// reference alternating), medians and min–max. Besides requests/s (with p50/p99), the CPU time
// per token of our processes (gateway + oauth; Postgres not counted) against oidc-provider's
// process, read from /proc. Prints a table and one `BENCH_RESULT {json}` line.
// BENCH_BASELINE_ROOT=<another checkout, built>: also runs that checkout's apps in the three
// modes, interleaved in the same rounds, for a before/after in one run (printed, not in
// BENCH_RESULT).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Pool } from 'undici';
import { mockBroker } from '../_lib/broker.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const require = createRequire(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const CLIENT = { id: 'bench-client', secret: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz' };
const TOKEN_PATH = '/auth/oauth2/token';
const REFERENCE = 'oidc-provider 9 (JWT access tokens)';

const { generateAssertionKeys } = require(
  join(root, 'dist', 'out', 'libs', 'auth', 'src', 'index.js'),
);
const assertionKeys = generateAssertionKeys();
const pgUrl = await postgres();
const env = {
  ...process.env,
  BENCH_ROOT: root,
  BENCH_PG_URL: pgUrl.url,
  BENCH_CLIENT_ID: CLIENT.id,
  BENCH_CLIENT_SECRET: CLIENT.secret,
  BENCH_ASSERTION_PRIVATE_KEY: assertionKeys.privateKey,
  BENCH_ASSERTION_PUBLIC_KEY: assertionKeys.publicKey,
};

const children = [];
const broker = await mockBroker().catch(() => undefined);
const kafkaEnv = broker ? { BENCH_KAFKA_BROKERS: broker.brokers } : {};
console.log(
  broker
    ? `Kafka: mock broker at ${broker.brokers}`
    : 'Kafka: kcat not found, per-process apps have no broker',
);
try {
  const oauth = await server(
    'platform-oauth',
    join(here, 'servers', 'platform-oauth.mjs'),
    kafkaEnv,
  );
  const gateway = await server('gateway', join(here, '..', 'gateway', 'servers', 'gateway.mjs'), {
    BENCH_OAUTH_URL: oauth.url,
    ...kafkaEnv,
  });
  const together = await server(
    'platform-one-process',
    join(here, 'servers', 'platform-oauth.mjs'),
    {
      BENCH_WITH_GATEWAY: '1',
    },
  );
  const reference = await server('oidc-provider', join(here, 'servers', 'oidc-provider.mjs'));
  const baselineRoot = process.env.BENCH_BASELINE_ROOT;
  const baseline = baselineRoot
    ? {
        direct: await server('baseline-oauth', join(here, 'servers', 'platform-oauth.mjs'), {
          BENCH_ROOT: baselineRoot,
          ...kafkaEnv,
        }),
        together: await server(
          'baseline-one-process',
          join(here, 'servers', 'platform-oauth.mjs'),
          { BENCH_ROOT: baselineRoot, BENCH_WITH_GATEWAY: '1' },
        ),
      }
    : undefined;
  if (baseline) {
    baseline.gateway = await server(
      'baseline-gateway',
      join(baselineRoot, 'tools', 'bench', 'gateway', 'servers', 'gateway.mjs'),
      { BENCH_ROOT: baselineRoot, BENCH_OAUTH_URL: baseline.direct.url, ...kafkaEnv },
    );
  }

  const variants = {
    perProcess: { url: gateway.url, path: TOKEN_PATH, pids: [gateway.pid, oauth.pid] },
    oneProcess: { url: together.url, path: TOKEN_PATH, pids: [together.pid] },
    direct: { url: oauth.url, path: TOKEN_PATH, pids: [oauth.pid] },
    reference: { url: reference.url, path: '/token', pids: [reference.pid] },
    ...(baseline
      ? {
          baselinePerProcess: {
            url: baseline.gateway.url,
            path: TOKEN_PATH,
            pids: [baseline.gateway.pid, baseline.direct.pid],
          },
          baselineDirect: {
            url: baseline.direct.url,
            path: TOKEN_PATH,
            pids: [baseline.direct.pid],
          },
          baselineOneProcess: {
            url: baseline.together.url,
            path: TOKEN_PATH,
            pids: [baseline.together.pid],
          },
        }
      : {}),
  };
  // Warm-up: keys, connections, JIT, the client row in Postgres' cache.
  for (const v of Object.values(variants)) await load(v, 1500);
  const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const slice = (SECONDS * 1000) / ROUNDS;
  for (let r = 0; r < ROUNDS; r++) {
    runs.perProcess.push(await load(variants.perProcess, slice));
    runs.reference.push(await load(variants.reference, slice));
    runs.oneProcess.push(await load(variants.oneProcess, slice));
    runs.direct.push(await load(variants.direct, slice));
    if (baseline) {
      runs.baselinePerProcess.push(await load(variants.baselinePerProcess, slice));
      runs.baselineOneProcess.push(await load(variants.baselineOneProcess, slice));
      runs.baselineDirect.push(await load(variants.baselineDirect, slice));
    }
  }
  const failed = report(runs);
  if (failed) process.exitCode = 1;
} finally {
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    c.kill('SIGTERM');
    await once(c, 'exit');
  }
  await pgUrl.stop();
  await broker?.stop();
}

function report(runs) {
  const line = (name, k) => {
    const rps = summary(runs[k], 'rps');
    const cpu = summary(runs[k], 'cpuPerRequest');
    const ok = runs[k].reduce((n, r) => n + r.ok, 0);
    const failed = runs[k].reduce((n, r) => n + r.failed, 0);
    return `  ${name.padEnd(44)} ${String(rps.median).padStart(7)} req/s (${rps.min}–${rps.max})  p50 ${rps.p50} ms  p99 ${rps.p99} ms  CPU ${cpu.median} µs/token  (${ok} ok, ${failed} failed)`;
  };
  process.stdout.write(
    `\nclient_credentials token requests (JWT), ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS / ROUNDS} s (medians, min–max)\n`,
  );
  console.log(line('platform via gateway, per process', 'perProcess'));
  console.log(line('platform via gateway, one process', 'oneProcess'));
  console.log(line('platform oauth alone (no gateway)', 'direct'));
  console.log(line(REFERENCE, 'reference'));
  if (runs.baselineDirect) {
    console.log(line('baseline: via gateway, per process', 'baselinePerProcess'));
    console.log(line('baseline: via gateway, one process', 'baselineOneProcess'));
    console.log(line('baseline: oauth alone', 'baselineDirect'));
  }
  const ref = {
    rps: summary(runs.reference, 'rps'),
    cpu: summary(runs.reference, 'cpuPerRequest'),
  };
  const rows = [];
  const scenario = 'client-credentials token (JWT)';
  for (const [k, mode] of [
    ['perProcess', broker ? 'per process' : 'per process (no broker)'],
    ['oneProcess', 'one process'],
    ['direct', 'oauth alone, no gateway'],
  ]) {
    const rps = summary(runs[k], 'rps');
    const cpu = summary(runs[k], 'cpuPerRequest');
    const rpsRatio = round(rps.median / ref.rps.median, 2);
    const cpuRatio = round(ref.cpu.median / cpu.median, 2);
    console.log(
      `  ${mode}: ratio req/s ${rpsRatio} (target ≥ 1.0, stretch 2), ratio CPU/token (reference / ours) ${cpuRatio}`,
    );
    rows.push(
      {
        scenario,
        mode,
        unit: 'req/s',
        ours: rps,
        reference: { name: REFERENCE, ...ref.rps },
        ratio: rpsRatio,
        higherIsBetter: true,
        target: k === 'direct' ? 'none (diagnostic)' : '≥ 1.0× through the gateway; stretch 2×',
        met: k === 'direct' || rpsRatio >= 1,
      },
      {
        scenario,
        mode,
        unit: 'µs/req',
        ours: cpu,
        reference: { name: REFERENCE, ...ref.cpu },
        ratio: cpuRatio,
        higherIsBetter: false,
        target: 'none (diagnostic: reference CPU / ours)',
        met: true,
      },
    );
  }
  console.log(`BENCH_RESULT ${JSON.stringify({ rows })}`);
  return Object.values(runs).some((rs) => rs.some((r) => r.failed > 0 || r.ok === 0));
}

/** Keeps CONNECTIONS requests in flight for `ms`; counts 200s, latencies and the servers' CPU. */
async function load(variant, ms) {
  const pool = new Pool(variant.url, { connections: CONNECTIONS, pipelining: 1 });
  const body = 'grant_type=client_credentials&scope=audit.read';
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`,
  };
  const one = async () => {
    const t = performance.now();
    const res = await pool.request({ method: 'POST', path: variant.path, headers, body });
    const text = await res.body.text();
    return {
      ok: res.statusCode === 200 && text.includes('access_token'),
      ms: performance.now() - t,
    };
  };
  const latencies = [];
  let failed = 0;
  const end = Date.now() + ms;
  const worker = async () => {
    while (Date.now() < end) {
      const r = await one();
      if (r.ok) latencies.push(r.ms);
      else failed++;
    }
  };
  const cpuBefore = cpuOf(variant.pids);
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = cpuOf(variant.pids);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    ok: latencies.length,
    failed,
    rps: latencies.length / elapsed,
    cpuPerRequest: (cpuAfter - cpuBefore) / Math.max(1, latencies.length),
    p50: pct(0.5),
    p99: pct(0.99),
  };
}

/** utime + stime of these processes, in µs (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuOf(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10_000;
}

function summary(runs, measure) {
  const xs = runs.map((r) => r[measure]);
  return {
    median: round(median(xs)),
    min: round(Math.min(...xs)),
    max: round(Math.max(...xs)),
    p50: round(median(runs.map((r) => r.p50)), 2),
    p99: round(median(runs.map((r) => r.p99)), 2),
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round(x, digits = 1) {
  return Number(x.toFixed(digits));
}

/** Spawns one server script; resolves once it printed `READY <url>`. */
async function server(name, script, extraEnv = {}) {
  const profile = process.env.BENCH_PROFILE === name;
  const child = spawn(
    process.execPath,
    [...(profile ? ['--cpu-prof', '--cpu-prof-dir=tmp/bench-profile-oauth'] : []), script],
    { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  let buf = '';
  for await (const chunk of child.stdout) {
    buf += chunk.toString();
    const m = /READY (\S+)/.exec(buf);
    if (m) {
      child.stdout.resume();
      return { url: m[1], pid: child.pid };
    }
  }
  throw new Error(`${name} exited before it was ready`);
}

/** The local Postgres (as the tests use it) or, failing that, an embedded one. */
async function postgres() {
  const url = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const { Client } = require('pg');
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return { url, stop: async () => undefined };
  } catch {
    const { startEmbeddedPostgres } = require(
      join(root, 'dist', 'out', 'libs', 'persistence', 'src', 'index.js'),
    );
    const pg = await startEmbeddedPostgres(join(root, 'tmp', 'bench-postgres'));
    return { url: pg.adminUrl, stop: pg.stop };
  }
}
