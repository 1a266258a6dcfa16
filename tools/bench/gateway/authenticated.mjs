#!/usr/bin/env node
// Authenticated requests per second through the gateway (bearer JWT verified against a JWKS,
// revocation view, per-client rate limit, scope check, the caller's assertion (ADR 20), streamed
// proxying) to a trivial service route, next to the same route through a bare Node http proxy, in
// one run, with the ratio. Needs `node tools/build.mjs` first (npm run bench does).
//
// Processes: this one generates load (undici, keep-alive); the upstream, the gateway and the bare
// proxy each run in a child process of this same file (`--role=...`), every app its own process
// ("per process"). The "one process" variants put the service (the stub upstream) in the proxy's
// own process, as `npm start` runs every app in one. Everything shares the machine's cores, so
// absolute numbers are low on a small box; the ratio is the point. Two measures: requests/s (with
// p50/p99), and the CPU time the gateway's process spends per request against the bare proxy's
// (each child reports its own `process.cpuUsage()`), which still shows the gateway's cost when the
// load generator or the upstream is the slower side. Prints a table and one `BENCH_RESULT {json}`
// line.
import { fork } from 'node:child_process';
import { createServer, request as httpRequest, Agent } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const out = (p) => join(root, 'dist', 'out', p);
const ROUTE = '/usuarios/v0.1/api/usuarios/bench';
const OPEN_ROUTE = '/auth/oauth2/jwks';
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 6000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const role = process.argv.find((a) => a.startsWith('--role='))?.slice(7);
// An orderly exit, so `--cpu-prof` gets to write its profile.
if (role) process.on('SIGTERM', () => process.exit(0));
// The parent asks each child for its CPU time (user + system, µs) around every round.
if (role)
  process.on('message', (m) => {
    if (m === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpu: user + system });
    }
  });
const SERVICES = [
  'OAUTH',
  'AUTHORIZATIONS',
  'LICENSING',
  'USERS',
  'NOTIFICATIONS',
  'WEBHOOKS',
  'AUDIT',
];
if (role === 'upstream') ready(await upstream());
else if (role === 'bare-proxy') ready(await bareProxy(process.env.UPSTREAM_URL));
else if (role === 'gateway') ready(await gateway());
// "One process": the proxy and the service it reaches share a process, as under `npm start`.
else if (role === 'bare-proxy-joint') ready(await bareProxy(local(await upstream())));
else if (role === 'gateway-joint') {
  const up = local(await upstream());
  for (const s of SERVICES) process.env[`${s}_URL`] = up;
  ready(await gateway());
} else await main();

function local(port) {
  return `http://127.0.0.1:${port}`;
}

function ready(port) {
  process.send?.({ port });
}

/** The trivial service route: answers a small JSON body (and empty revocation snapshots, ADR 13). */
async function upstream() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/internal/v1/gateway/')) res.end('{"items":[],"next":null}');
      else res.end('{"id":"bench","name":"Bench"}');
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server.address().port)));
}

/** The reference: a bare Node http reverse proxy with a keep-alive agent, no checks at all. */
async function bareProxy(target) {
  const { hostname, port } = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createServer((req, res) => {
    const up = httpRequest(
      { host: hostname, port, path: req.url, method: req.method, headers: req.headers, agent },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(up);
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server.address().port)));
}

/** The gateway as production wires it, with GatewayAuthModule authenticating every request. */
async function gateway() {
  require('reflect-metadata');
  const { Module } = require('@nestjs/common');
  const { createServiceApp, HttpCommonModule } = require(out('libs/http/src/index.js'));
  const { GatewayConfigModule } = require(out('apps/gateway/src/config.module.js'));
  const { ProxyModule } = require(out('apps/gateway/src/proxy/proxy.module.js'));
  const { GatewayProxy } = require(out('apps/gateway/src/proxy/gateway-proxy.js'));
  const { GatewayAuthModule } = require(out('apps/gateway/src/auth/gateway-auth.module.js'));
  const { RevocationSync } = require(out('apps/gateway/src/auth/snapshots/revocation-sync.js'));
  const runtime = { env: { ...process.env } };
  // createApp's composition with GatewayAuthModule as the authenticator (docs and health aside).
  class BenchGateway {}
  Module({
    imports: [
      GatewayConfigModule.forRoot(runtime.env),
      HttpCommonModule,
      GatewayAuthModule.forRoot(runtime),
      ProxyModule,
    ],
  })(BenchGateway);
  const app = await createServiceApp(BenchGateway);
  app.get(GatewayProxy).install(app.getHttpAdapter().getInstance());
  await app.listen({ port: 0, host: '127.0.0.1' });
  await app.get(RevocationSync).waitCaughtUp(30_000);
  return app.getHttpServer().address().port;
}

function spawnRole(name, env = {}) {
  const child = fork(fileURLToPath(import.meta.url), [`--role=${name}`], {
    env: { ...process.env, ...env },
    // BENCH_PROFILE=gateway writes a V8 CPU profile of that role into ./tmp.
    execArgv:
      process.env.BENCH_PROFILE === name ? ['--cpu-prof', '--cpu-prof-dir=tmp/bench-profile'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const failed = (code) => reject(new Error(`${name} exited with ${code}`));
    child.once('exit', failed);
    child.once('message', (m) => {
      child.off('exit', failed);
      resolve({ child, url: `http://127.0.0.1:${m.port}`, cpu: () => cpuOf(child) });
    });
  });
}

/** The child's CPU time so far (user + system), in µs. */
function cpuOf(child) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m && typeof m.cpu === 'number') {
        child.off('message', on);
        resolve(m.cpu);
      }
    };
    child.on('message', on);
    child.send('cpu');
  });
}

/**
 * Runs `CONNECTIONS` keep-alive loops for `ms` against one server; returns requests/s, latency
 * percentiles, statuses and the server process's CPU time per request.
 */
async function load(server, headers, ms, path = ROUTE) {
  const { Pool } = require('undici');
  const pool = new Pool(server.url, { connections: CONNECTIONS, pipelining: 1 });
  const statuses = new Map();
  const latencies = [];
  const deadline = Date.now() + ms;
  const worker = async () => {
    while (Date.now() < deadline) {
      const t = performance.now();
      const { statusCode, body } = await pool.request({ path, method: 'GET', headers });
      await body.dump();
      latencies.push(performance.now() - t);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    }
  };
  const cpuBefore = await server.cpu();
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await server.cpu();
  await pool.close();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  return {
    rps: latencies.length / seconds,
    cpuPerRequest: (cpuAfter - cpuBefore) / latencies.length,
    p50: pct(0.5),
    p99: pct(0.99),
    statuses: Object.fromEntries(statuses),
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median, min and max of one measure over the rounds (and the rounds' median p50/p99). */
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

function round(x, digits = 1) {
  return Number(x.toFixed(digits));
}

function statusesOf(runs) {
  const statuses = {};
  for (const r of runs)
    for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return statuses;
}

async function jwks() {
  const { generateKeyPair, exportJWK, SignJWT } = require('jose');
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const issuer = 'http://bench.local';
  const token = await new SignJWT({
    client_id: 'bench-client',
    scope: 'users.suite',
    iat: Date.now() / 1000,
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'bench' })
    .setJti('bench-jti')
    .setSubject('bench-user')
    .setIssuer(issuer)
    .setExpirationTime('1h')
    .sign(privateKey);
  return { server, issuer, token, url: `http://127.0.0.1:${server.address().port}/jwks` };
}

async function main() {
  const { generateAssertionKeys } = require(out('libs/auth/src/index.js'));
  const keys = generateAssertionKeys();
  const auth = await jwks();
  const children = [];
  try {
    const up = await spawnRole('upstream');
    children.push(up.child);
    const gatewayEnv = {
      ASSERTION_PRIVATE_KEY: keys.privateKey,
      OAUTH_JWKS_URL: auth.url,
      OAUTH_ISSUER: auth.issuer,
      LOG_LEVEL: 'error',
      // Not 'production': that needs an event feed and a database (ADR 13), neither of which is
      // on the path of an accepted request.
      NODE_ENV: 'test',
      RATE_LIMIT_DEFAULT: '1000000000/1h',
      KAFKA_BROKERS: '',
    };
    const gw = await spawnRole('gateway', {
      ...Object.fromEntries(SERVICES.map((s) => [`${s}_URL`, up.url])),
      ...gatewayEnv,
    });
    children.push(gw.child);
    const bare = await spawnRole('bare-proxy', { UPSTREAM_URL: up.url });
    children.push(bare.child);
    const gwJoint = await spawnRole('gateway-joint', gatewayEnv);
    children.push(gwJoint.child);
    const bareJoint = await spawnRole('bare-proxy-joint');
    children.push(bareJoint.child);

    const headers = { authorization: `Bearer ${auth.token}` };
    const check = await fetch(`${gw.url}${ROUTE}`, { headers });
    if (check.status !== 200)
      throw new Error(`gateway answered ${check.status}: ${await check.text()}`);
    // Warm-up (JIT, connections, JWKS and verified-token caches), then interleaved rounds so
    // drift on a shared machine (other processes, CPU frequency) hits every variant alike.
    await load(gw, headers, 2000);
    await load(gw, {}, 1000, OPEN_ROUTE);
    await load(bare, headers, 1000);
    await load(gwJoint, headers, 1500);
    await load(bareJoint, headers, 1000);
    const slice = DURATION_MS / ROUNDS;
    const runs = { viaGateway: [], viaBare: [], viaGatewayOpen: [], joint: [], jointBare: [] };
    for (let r = 0; r < ROUNDS; r++) {
      runs.viaGateway.push(await load(gw, headers, slice));
      runs.viaBare.push(await load(bare, headers, slice));
      // Where the difference goes: the same gateway on a route that needs no token (proxy only).
      runs.viaGatewayOpen.push(await load(gw, {}, slice, OPEN_ROUTE));
      runs.joint.push(await load(gwJoint, headers, slice));
      runs.jointBare.push(await load(bareJoint, headers, slice));
    }
    report(runs);
  } finally {
    for (const c of children) c.kill();
    auth.server.close();
  }
}

function report(runs) {
  const s = (k, m) => summary(runs[k], m);
  const line = (name, k) => {
    const rps = s(k, 'rps');
    const cpu = s(k, 'cpuPerRequest');
    return `  ${name.padEnd(36)} ${String(rps.median).padStart(8)} req/s (${rps.min}–${rps.max})  p50 ${rps.p50} ms  p99 ${rps.p99} ms  CPU ${cpu.median} µs/req  ${JSON.stringify(statusesOf(runs[k]))}`;
  };
  console.log(
    `GET ${ROUTE}, ${CONNECTIONS} keep-alive connections, ${ROUNDS} interleaved rounds of ${DURATION_MS / ROUNDS / 1000} s (medians, min–max)`,
  );
  console.log(line('gateway (bearer verified, asserted)', 'viaGateway'));
  console.log(line('bare node:http proxy (same route)', 'viaBare'));
  console.log(line(`gateway, open route ${OPEN_ROUTE}`, 'viaGatewayOpen'));
  console.log(line('one process: gateway + service', 'joint'));
  console.log(line('one process: bare proxy + service', 'jointBare'));
  const reference = 'bare node:http proxy';
  const rps = {
    ours: s('viaGateway', 'rps'),
    reference: { name: reference, ...s('viaBare', 'rps') },
  };
  const cpu = {
    ours: s('viaGateway', 'cpuPerRequest'),
    reference: { name: reference, ...s('viaBare', 'cpuPerRequest') },
  };
  const open = { ours: s('viaGatewayOpen', 'rps'), reference: rps.reference };
  const rpsRatio = round(rps.ours.median / rps.reference.median, 2);
  const cpuRatio = round(cpu.reference.median / cpu.ours.median, 2);
  const openRatio = round(open.ours.median / open.reference.median, 2);
  const p99Met = rps.ours.p99 <= 2 * rps.reference.p99;
  console.log(
    `  ratio req/s gateway / bare proxy: ${rpsRatio} (target ≥ 0.8, p99 ≤ 2× the proxy's: ${p99Met ? 'met' : 'not met'})`,
  );
  console.log(`  ratio CPU per request bare proxy / gateway: ${cpuRatio} (target ≥ 0.8)`);
  console.log(`  ratio req/s open route / bare proxy: ${openRatio}`);
  const scenario = 'authenticated request through the gateway';
  const mode = 'per process';
  const rows = [
    {
      scenario,
      mode,
      unit: 'req/s',
      ...rps,
      ratio: rpsRatio,
      higherIsBetter: true,
      target: "≥ 0.8×, p99 ≤ 2× the proxy's",
      met: rpsRatio >= 0.8 && p99Met,
    },
    {
      scenario,
      mode,
      unit: 'µs/req',
      ...cpu,
      ratio: cpuRatio,
      higherIsBetter: false,
      target: '≥ 0.8× (proxy CPU / gateway CPU)',
      met: cpuRatio >= 0.8,
    },
    {
      scenario: 'open route through the gateway (no authentication)',
      mode,
      unit: 'req/s',
      ...open,
      ratio: openRatio,
      higherIsBetter: true,
      target: 'none (diagnostic)',
      met: true,
    },
  ];
  // One process: CPU per request of (gateway + service) against (bare proxy + service).
  const joint = {
    rps: {
      ours: s('joint', 'rps'),
      reference: { name: `${reference} + service`, ...s('jointBare', 'rps') },
    },
    cpu: {
      ours: s('joint', 'cpuPerRequest'),
      reference: { name: `${reference} + service`, ...s('jointBare', 'cpuPerRequest') },
    },
  };
  const jointRps = round(joint.rps.ours.median / joint.rps.reference.median, 2);
  const jointCpu = round(joint.cpu.reference.median / joint.cpu.ours.median, 2);
  const jointP99 = joint.rps.ours.p99 <= 2 * joint.rps.reference.p99;
  console.log(`  one process: ratio req/s ${jointRps}, ratio CPU per request ${jointCpu}`);
  rows.push(
    {
      scenario,
      mode: 'one process',
      unit: 'req/s',
      ...joint.rps,
      ratio: jointRps,
      higherIsBetter: true,
      target: "≥ 0.8×, p99 ≤ 2× the proxy's",
      met: jointRps >= 0.8 && jointP99,
    },
    {
      scenario,
      mode: 'one process',
      unit: 'µs/req',
      ...joint.cpu,
      ratio: jointCpu,
      higherIsBetter: false,
      target: '≥ 0.8× (proxy CPU / gateway CPU)',
      met: jointCpu >= 0.8,
    },
  );
  console.log(`BENCH_RESULT ${JSON.stringify({ rows })}`);
}
