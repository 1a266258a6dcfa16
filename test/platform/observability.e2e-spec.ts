import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { freePort } from '@platform/persistence';
import { eventually } from '@platform/testing';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  clientToken,
  launch,
  makeDataDir,
  platformEnv,
  type Run,
  SERVICES,
  stop,
  tokenRequest,
  untilReady,
} from './launcher';
import { type CollectedSpan, OtlpCollector, SPAN_KIND } from './otlp-collector';

/*
 * Spec §9 on the platform as `npm start` runs it (one process, one OpenTelemetry SDK, the
 * in-process bus): "one trace follows a request through the gateway, the service, the outbox and
 * Kafka to the webhook it causes" — exported over OTLP (http/json) to a stand-in collector — and
 * "every app serves Prometheus metrics at /metrics on its own port (not through the gateway)".
 */

const CLIENT = { id: 'obs-admin', secret: randomBytes(24).toString('base64url') };
const SCOPES = 'platform.admin webhooks.suite users.suite';
/** The caller's own trace: the platform's spans must continue it. */
const TRACE = randomBytes(16).toString('hex');
const CALLER_SPAN = randomBytes(8).toString('hex');
const USERS = '/usuarios/v0.1/api/usuarios';
/** The apps that publish events (and so have an outbox to watch). */
const WITH_OUTBOX = [
  'oauth',
  'authorizations',
  'licensing',
  'users',
  'notifications',
  'webhooks',
  'audit',
];

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('observability of `npm start` (spec §9)', () => {
  const dataDir = makeDataDir('platform-obs-');
  const collector = new OtlpCollector();
  const received: Received[] = [];
  let receiver: Server;
  let run: Run | undefined;
  let gateway: string;
  let env: NodeJS.ProcessEnv;
  let metricsPort: number;
  let token: string;
  const userId = `obs-${randomBytes(4).toString('hex')}`;

  beforeAll(
    async () => {
      await collector.start();
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
      metricsPort = await freePort();
      ({ env, gateway } = await platformEnv(dataDir, {
        BOOTSTRAP_CLIENT_ID: CLIENT.id,
        BOOTSTRAP_CLIENT_SECRET: CLIENT.secret,
        BOOTSTRAP_ADMIN_LOGIN: 'obs.admin',
        BOOTSTRAP_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
        WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOKS_ALLOW_HTTP: 'true',
        WEBHOOKS_POLL_MS: '50',
        METRICS_PORT: String(metricsPort),
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
        LOG_LEVEL: 'info',
      }));
      run = launch(env);
      await untilReady(gateway, run);
      token = await clientToken(gateway, CLIENT, SCOPES);
      const port = (receiver.address() as AddressInfo).port;
      const sub = await fetch(`${gateway}/api/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          action: 'user.created',
          status: 'active',
          postbackUrl: `http://127.0.0.1:${port}/hook`,
          techOwnerName: 'Obs Owner',
          techOwnerEmail: 'owner@example.com',
        }),
      });
      expect(sub.status).toBe(201);
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 30_000,
  );

  afterAll(async () => {
    if (run && run.child.exitCode === null) await stop(run);
    receiver?.closeAllConnections();
    await new Promise((done) => receiver?.close(done));
    await collector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('follows one request from the caller through the gateway, users, the outbox and the bus to its webhook', async () => {
    const res = await fetch(`${gateway}${USERS}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        traceparent: `00-${TRACE}-${CALLER_SPAN}-01`,
      },
      body: JSON.stringify({ id: userId, name: 'Obs User', email: `${userId}@example.com` }),
    });
    expect(res.status).toBe(201);
    const hook = await eventually(async () =>
      received.find((r) => r.body.includes(userId) && r.body.includes('user.created')),
    );

    // The receiver's POST is the last span of the chain; wait until it and its ancestors arrived.
    const byId = (): Map<string, CollectedSpan> =>
      new Map(collector.ofTrace(TRACE).map((s) => [s.spanId, s]));
    const post = await eventually(async () => {
      const deliver = collector
        .ofTrace(TRACE)
        .find((s) => s.name === 'webhook deliver user.created');
      const client = collector
        .ofTrace(TRACE)
        .find((s) => s.scope.includes('undici') && s.parentSpanId === deliver?.spanId);
      return client && chain(byId(), client).at(-1)?.parentSpanId === CALLER_SPAN
        ? client
        : undefined;
    }, 20_000);
    expect(hook.headers['traceparent']).toBe(`00-${TRACE}-${post.spanId}-01`);

    // One unbroken chain of parents, from the webhook POST back to the caller's span.
    const links = chain(byId(), post).map(label);
    const expected = [
      'client POST (undici)', // to the receiver
      'producer webhook deliver user.created [webhooks]',
      'consumer process user.created [webhooks]',
      'producer publish platform.users [users]',
      'request [users]', // the users service's handling …
      'server POST /usuarios/v0.1/api/usuarios', // … of the gateway's forwarded request
      'client POST (undici)', // the gateway forwarding it
      'request [gateway]',
      'server POST /*', // the caller's request reaching the gateway
    ];
    expect(links.filter((l) => expected.includes(l))).toEqual(expected);
    // The domain write itself: the users service's INSERTs are in the trace (pg).
    expect(
      collector.ofTrace(TRACE).filter((s) => s.name === 'pg.query:INSERT users').length,
    ).toBeGreaterThanOrEqual(2); // the user and its outbox row
  });

  it('writes the trace id into the log lines of that request', () => {
    const lines = run!
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{') && l.includes(TRACE))
      .map((l) => JSON.parse(l) as { service: string; msg: string; trace_id: string });
    const completed = lines.filter((l) => l.msg === 'request completed').map((l) => l.service);
    expect(completed.sort()).toEqual(['gateway', 'users']);
    expect(lines.every((l) => l.trace_id === TRACE)).toBe(true);
  });

  it("serves each app's own series at /metrics on its own port", async () => {
    const bad = await tokenRequest(
      gateway,
      { id: CLIENT.id, secret: 'wrong' },
      {
        grant_type: 'client_credentials',
      },
    );
    expect(bad.status).toBe(401);
    expect((await fetch(`${gateway}${USERS}`)).status).toBe(401);
    const scrapes: Record<string, string> = {};
    for (const app of SERVICES) {
      const res = await fetch(`http://127.0.0.1:${env[`${app.toUpperCase()}_PORT`]}/metrics`);
      expect({ app, status: res.status }).toEqual({ app, status: 200 });
      scrapes[app] = await res.text();
      for (const other of [...SERVICES, 'gateway'].filter((o) => o !== app))
        expect({ app, other: scrapes[app].includes(`service="${other}"`) }).toEqual({
          app,
          other: false,
        });
      expect(scrapes[app]).toMatch(/^db_client_connections\{state="idle",service="\w+"\} \d+$/m);
      if (WITH_OUTBOX.includes(app))
        expect(scrapes[app]).toMatch(/^messaging_outbox_backlog\{service="\w+"\} \d+$/m);
    }
    const gatewayScrape = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();

    expect(scrapes['users']).toMatch(
      /^http_server_request_duration_seconds_count\{service="users",method="POST",route="\/usuarios\/v0\.1\/api\/usuarios",status_code="201"\} 1$/m,
    );
    expect(scrapes['users']).toMatch(/^messaging_outbox_published_total\{service="users"\} [1-9]/m);
    expect(scrapes['oauth']).toMatch(
      /^oauth_token_requests_total\{grant_type="client_credentials",outcome="issued",service="oauth"\} 1$/m,
    );
    expect(scrapes['oauth']).toMatch(
      /^oauth_token_requests_total\{grant_type="client_credentials",outcome="invalid_client",service="oauth"\} 1$/m,
    );
    expect(scrapes['webhooks']).toMatch(
      /^webhook_delivery_attempt_duration_seconds_count\{service="webhooks",outcome="success"\} [1-9]/m,
    );
    expect(scrapes['webhooks']).toMatch(
      /^messaging_consumer_events_total\{group="webhooks",type="user\.created",outcome="processed",service="webhooks"\} [1-9]/m,
    );
    expect(gatewayScrape).toMatch(
      /^http_server_request_duration_seconds_count\{service="gateway",method="POST",route="proxy:users",status_code="201"\} 1$/m,
    );
    expect(gatewayScrape).toMatch(
      /^gateway_refusals_total\{status="401",reason="missing_token",service="gateway"\} 1$/m,
    );
    // Never a raw path or an id as a label.
    for (const text of [...Object.values(scrapes), gatewayScrape])
      expect(text).not.toContain(userId);
  });

  it('never serves /metrics through the gateway', async () => {
    expect((await fetch(`${gateway}/metrics`)).status).toBe(404);
    expect(
      (await fetch(`${gateway}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(404);
  });
});

/** The span and its ancestors in the trace, nearest first, as far as parents were exported. */
function chain(byId: Map<string, CollectedSpan>, span: CollectedSpan): CollectedSpan[] {
  const out = [span];
  for (let s = byId.get(span.parentSpanId ?? ''); s; s = byId.get(s.parentSpanId ?? ''))
    out.push(s);
  return out;
}

function label(s: CollectedSpan): string {
  const kind = Object.entries(SPAN_KIND).find(([, k]) => k === s.kind)?.[0] ?? String(s.kind);
  if (s.scope.includes('undici')) return `${kind} ${s.name} (undici)`;
  const app = s.attributes['platform.service'];
  if (s.scope === '@fastify/otel') return app ? `${s.name} [${String(app)}]` : s.name;
  return app ? `${kind} ${s.name} [${String(app)}]` : `${kind} ${s.name}`;
}
