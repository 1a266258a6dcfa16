#!/usr/bin/env node
// Client-credentials token requests per second: this platform's oauth app vs oidc-provider v9,
// measured side by side in one run (same machine, same concurrency, same duration), each server
// in its own process and the load generator (undici) in this one. `npm run bench -- oauth`.
// Knobs: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 32).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Pool } from 'undici';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const require = createRequire(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const CLIENT = { id: 'bench-client', secret: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz' };

const pgUrl = await postgres();
const env = { ...process.env, BENCH_ROOT: root, BENCH_PG_URL: pgUrl.url, BENCH_CLIENT_ID: CLIENT.id, BENCH_CLIENT_SECRET: CLIENT.secret };

const results = [];
for (const [name, script, tokenPath] of [
  ['platform oauth', 'platform-oauth.mjs', '/auth/oauth2/token'],
  ['oidc-provider v9', 'oidc-provider.mjs', '/token'],
]) {
  const child = spawn(process.execPath, [join(here, 'servers', script)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await ready(child);
  const r = await load(base, tokenPath);
  results.push({ name, ...r });
  child.kill('SIGTERM');
  await once(child, 'exit');
}
await pgUrl.stop();

process.stdout.write(`\nclient_credentials token requests, ${SECONDS} s each, ${CONNECTIONS} concurrent connections\n`);
for (const r of results) {
  process.stdout.write(
    `  ${r.name.padEnd(18)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   (${r.ok} ok, ${r.failed} failed)\n`,
  );
}
const [ours, ref] = results;
process.stdout.write(`  ratio platform/oidc-provider: ${(ours.rps / ref.rps).toFixed(2)}\n`);
if (ours.failed > 0 || ref.failed > 0 || ours.ok === 0) process.exit(1);

/** Keeps CONNECTIONS requests in flight for SECONDS; counts 200s and records latencies. */
async function load(base, path) {
  const pool = new Pool(base, { connections: CONNECTIONS, pipelining: 1 });
  const body = 'grant_type=client_credentials&scope=audit.read';
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`,
  };
  const once = async () => {
    const t = performance.now();
    const res = await pool.request({ method: 'POST', path, headers, body });
    const text = await res.body.text();
    return { ok: res.statusCode === 200 && text.includes('access_token'), ms: performance.now() - t };
  };
  for (let i = 0; i < CONNECTIONS; i++) await once(); // warm-up (keys, connections, JIT)
  const latencies = [];
  let failed = 0;
  const end = Date.now() + SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const r = await once();
      if (r.ok) latencies.push(r.ms);
      else failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { ok: latencies.length, failed, rps: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99) };
}

async function ready(child) {
  let buf = '';
  for await (const chunk of child.stdout) {
    buf += chunk.toString();
    const m = /READY (\S+)/.exec(buf);
    if (m) {
      child.stdout.resume();
      return m[1];
    }
  }
  throw new Error('server exited before it was ready');
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
    const { startEmbeddedPostgres } = require(join(root, 'dist', 'out', 'libs', 'persistence', 'src', 'index.js'));
    const pg = await startEmbeddedPostgres(join(root, 'tmp', 'bench-postgres'));
    return { url: pg.adminUrl, stop: pg.stop };
  }
}
