// The gateway as the benchmarks boot it: createApp's composition (config, HTTP conventions,
// GatewayAuthModule authenticating every request, the proxy) without docs, health and CORS, which
// are not on a proxied request's path. Not 'production': that needs a database for its audit
// outbox (ADR 13), which is not on the path of an accepted request; revocation snapshots are read
// at boot, and revocation events come from Kafka (`kafkaBrokers`, BENCH_KAFKA_BROKERS), from the
// in-process bus it shares with other apps (`bus`), or, with neither, not at all (it warns).
// Imported by the benchmarks (`startGateway`), or run alone: `node gateway.mjs` with the
// environment below prints `READY <url>`.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const out = (p) => join(root, 'dist', 'out', p);

const SERVICES = [
  'OAUTH',
  'AUTHORIZATIONS',
  'LICENSING',
  'USERS',
  'NOTIFICATIONS',
  'WEBHOOKS',
  'AUDIT',
];

/**
 * Boots a gateway on a free port of 127.0.0.1. `upstreams` maps service names (OAUTH, USERS, …)
 * to URLs; `fallback` serves every service not named. Resolves to `{ app, url }`.
 */
export async function startGateway({
  upstreams = {},
  fallback,
  assertionPrivateKey,
  jwksUrl,
  issuer,
  bus,
  kafkaBrokers = '',
  waitForSnapshots = true,
}) {
  require('reflect-metadata');
  const { Module } = require('@nestjs/common');
  const { createServiceApp, HttpCommonModule } = require(out('libs/http/src/index.js'));
  const { GatewayConfigModule } = require(out('apps/gateway/src/config.module.js'));
  const { ProxyModule } = require(out('apps/gateway/src/proxy/proxy.module.js'));
  const { GatewayProxy } = require(out('apps/gateway/src/proxy/gateway-proxy.js'));
  const { GatewayAuthModule } = require(out('apps/gateway/src/auth/gateway-auth.module.js'));
  const { RevocationSync } = require(out('apps/gateway/src/auth/snapshots/revocation-sync.js'));
  const env = {
    ...process.env,
    ...Object.fromEntries(SERVICES.map((s) => [`${s}_URL`, upstreams[s] ?? fallback])),
    ASSERTION_PRIVATE_KEY: assertionPrivateKey,
    OAUTH_JWKS_URL: jwksUrl,
    OAUTH_ISSUER: issuer,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    NODE_ENV: 'test',
    RATE_LIMIT_DEFAULT: '1000000000/1h',
    KAFKA_BROKERS: kafkaBrokers,
  };
  const runtime = { env, bus };
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
  const caughtUp = () => app.get(RevocationSync).waitCaughtUp(30_000);
  if (waitForSnapshots) await caughtUp();
  return { app, caughtUp, url: `http://127.0.0.1:${app.getHttpServer().address().port}` };
}

/** A stand-in for services a benchmark does not exercise: empty revocation snapshots (ADR 13). */
export async function emptyOwner() {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end(req.url?.startsWith('/internal/v1/gateway/') ? '{"items":[],"next":null}' : '{}');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const owner = await emptyOwner();
  const { url } = await startGateway({
    upstreams: { OAUTH: process.env.BENCH_OAUTH_URL },
    fallback: owner.url,
    assertionPrivateKey: process.env.BENCH_ASSERTION_PRIVATE_KEY,
    jwksUrl: `${process.env.BENCH_OAUTH_URL}/auth/oauth2/jwks`,
    issuer: process.env.BENCH_OAUTH_URL,
    kafkaBrokers: process.env.BENCH_KAFKA_BROKERS ?? '',
  });
  process.stdout.write(`READY ${url}\n`);
  process.on('SIGTERM', () => process.exit(0));
}
