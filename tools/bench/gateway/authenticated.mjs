#!/usr/bin/env node
// Authenticated requests per second through the gateway (bearer JWT verified against a JWKS,
// revocation view, per-client rate limit, scope check, Ed25519 assertion signed per request,
// streamed proxying) to a trivial service route, next to the same route through a bare Node
// http proxy, in one run, with the ratio. Needs `node tools/build.mjs` first (npm run bench does).
//
// Processes: this one generates load (undici, keep-alive); the upstream, the gateway and the bare
// proxy each run in a child process of this same file (`--role=...`). Everything shares the
// machine's cores, so absolute numbers are low on a small box; the ratio is the point.
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
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const role = process.argv.find((a) => a.startsWith('--role='))?.slice(7);
// An orderly exit, so `--cpu-prof` gets to write its profile.
if (role) process.on('SIGTERM', () => process.exit(0));
if (role === 'upstream') await upstream();
else if (role === 'bare-proxy') await bareProxy(process.env.UPSTREAM_URL);
else if (role === 'gateway') await gateway();
else await main();

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
  server.listen(0, '127.0.0.1', () => ready(server.address().port));
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
  server.listen(0, '127.0.0.1', () => ready(server.address().port));
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
  ready(app.getHttpServer().address().port);
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
    child.once('message', (m) => resolve({ child, url: `http://127.0.0.1:${m.port}` }));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

/** Runs `CONNECTIONS` keep-alive loops for `ms` against one URL; returns requests/s and statuses. */
async function load(url, headers, ms, path = ROUTE) {
  const { Pool } = require('undici');
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1 });
  const statuses = new Map();
  let done = 0;
  const deadline = Date.now() + ms;
  const worker = async () => {
    while (Date.now() < deadline) {
      const { statusCode, body } = await pool.request({ path, method: 'GET', headers });
      await body.dump();
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { rps: done / seconds, statuses: Object.fromEntries(statuses) };
}

/** Requests/s over several runs of equal length, and their statuses added up. */
function combine(runs) {
  const statuses = {};
  for (const r of runs)
    for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return { rps: runs.reduce((sum, r) => sum + r.rps, 0) / runs.length, statuses };
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
    const services = [
      'OAUTH',
      'AUTHORIZATIONS',
      'LICENSING',
      'USERS',
      'NOTIFICATIONS',
      'WEBHOOKS',
      'AUDIT',
    ];
    const gw = await spawnRole('gateway', {
      ...Object.fromEntries(services.map((s) => [`${s}_URL`, up.url])),
      ASSERTION_PRIVATE_KEY: keys.privateKey,
      OAUTH_JWKS_URL: auth.url,
      OAUTH_ISSUER: auth.issuer,
      LOG_LEVEL: 'error',
      // Not 'production': that needs an event feed and a database (ADR 13), neither of which is
      // on the path of an accepted request.
      NODE_ENV: 'test',
      RATE_LIMIT_DEFAULT: '1000000000/1h',
      KAFKA_BROKERS: '',
    });
    children.push(gw.child);
    const bare = await spawnRole('bare-proxy', { UPSTREAM_URL: up.url });
    children.push(bare.child);

    const headers = { authorization: `Bearer ${auth.token}` };
    const check = await fetch(`${gw.url}${ROUTE}`, { headers });
    if (check.status !== 200)
      throw new Error(`gateway answered ${check.status}: ${await check.text()}`);
    // Warm-up (JIT, connections, JWKS and verified-token caches), then interleaved rounds so
    // drift on a shared machine (other processes, CPU frequency) hits every variant alike.
    await load(gw.url, headers, 2000);
    await load(gw.url, {}, 1000, OPEN_ROUTE);
    await load(bare.url, headers, 1000);
    const slice = DURATION_MS / ROUNDS;
    const runs = { viaGateway: [], viaBare: [], viaGatewayOpen: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.viaGateway.push(await load(gw.url, headers, slice));
      runs.viaBare.push(await load(bare.url, headers, slice));
      // Where the difference goes: the same gateway on a route that needs no token (proxy only).
      runs.viaGatewayOpen.push(await load(gw.url, {}, slice, OPEN_ROUTE));
    }
    const { viaGateway, viaBare, viaGatewayOpen } = Object.fromEntries(
      Object.entries(runs).map(([k, rs]) => [k, combine(rs)]),
    );
    const line = (name, r) =>
      `  ${name.padEnd(40)} ${r.rps.toFixed(0).padStart(7)} req/s  statuses ${JSON.stringify(r.statuses)}`;
    console.log(
      `GET ${ROUTE}, ${CONNECTIONS} keep-alive connections, ${DURATION_MS / 1000} s each in ${ROUNDS} interleaved rounds`,
    );
    console.log(line('gateway (bearer verified, asserted)', viaGateway));
    console.log(line('bare node:http proxy (same route)', viaBare));
    console.log(line(`gateway, open route ${OPEN_ROUTE}`, viaGatewayOpen));
    console.log(
      `  ratio authenticated gateway / bare proxy: ${(viaGateway.rps / viaBare.rps).toFixed(2)}`,
    );
    console.log(
      `  ratio authenticated / open route (cost of authentication): ${(viaGateway.rps / viaGatewayOpen.rps).toFixed(2)}`,
    );
  } finally {
    for (const c of children) c.kill();
    auth.server.close();
  }
}
