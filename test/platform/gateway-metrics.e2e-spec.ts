import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { generateAssertionKeys } from '@platform/auth';
import { freePort } from '@platform/persistence';
import { createApp } from '../../apps/gateway/src/bootstrap';
import { GatewayMetricsListener } from '../../apps/gateway/src/metrics/gateway-metrics.module';
import { type FakeService, startFakeService } from './fake-service';
import { serviceA } from './openapi-fixtures';

/*
 * Spec §9: every app serves Prometheus metrics at `/metrics` "on its own port (not through the
 * gateway)". The gateway's own port is the public one, so its metrics are on METRICS_PORT
 * (loopback by default) and its public port answers `/metrics` with a 404 like any unknown path.
 * Its series say why it refused requests, and label proxied requests by service, never by path.
 */

/** The value of one sample line of a scrape, by metric name and (a subset of) its labels. */
function sample(scrape: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of scrape.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) => match[2]!.includes(`${k}="${v}"`));
    if (has) return Number(match[3]);
  }
  return undefined;
}

describe('the gateway metrics (spec §9)', () => {
  let service: FakeService;
  let gateway: NestFastifyApplication;
  let base: string;
  let metricsPort: number;

  beforeAll(async () => {
    service = await startFakeService(serviceA, (app) => {
      app.get('/auth/oauth2/jwks', async () => ({ keys: [] }));
    });
    metricsPort = await freePort();
    const urls = ['OAUTH', 'AUTHORIZATIONS', 'LICENSING', 'USERS', 'NOTIFICATIONS', 'WEBHOOKS'];
    gateway = await createApp({
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        ASSERTION_PRIVATE_KEY: generateAssertionKeys().privateKey,
        METRICS_PORT: String(metricsPort),
        ...Object.fromEntries([...urls, 'AUDIT'].map((s) => [`${s}_URL`, service.url])),
      },
    });
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    base = await gateway.getUrl();
  });

  afterAll(async () => {
    await gateway?.close();
    await service?.close();
  });

  const scrape = async (): Promise<string> => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('does not serve /metrics on its public port, nor route it to a service', async () => {
    for (const path of ['/metrics', '/metrics/', '/METRICS']) {
      const res = await fetch(`${base}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect(service.seen.filter((s) => s.url.includes('metrics'))).toEqual([]);
  });

  it('serves them on METRICS_PORT, on loopback, and nothing else there', async () => {
    expect(gateway.get(GatewayMetricsListener).url).toBe(`http://127.0.0.1:${metricsPort}/metrics`);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/health/ready`)).status).toBe(404);
    const text = await scrape();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  });

  it('counts refusals by status and reason, and requests by service, not by path', async () => {
    const users = `${base}/usuarios/v0.1/api/usuarios/ana-${Date.now()}`;
    expect((await fetch(users)).status).toBe(401);
    expect((await fetch(users, { headers: { authorization: 'Bearer not.a.jwt' } })).status).toBe(
      401,
    );
    expect((await fetch(`${base}/nowhere/${Date.now()}`)).status).toBe(404);
    expect((await fetch(`${base}/auth/oauth2/jwks`)).status).toBe(200);

    const text = await scrape();
    const refusals = (status: string, reason: string) =>
      sample(text, 'gateway_refusals_total', { service: 'gateway', status, reason });
    expect(refusals('401', 'missing_token')).toBe(1);
    expect(refusals('401', 'invalid_token')).toBe(1);
    expect(refusals('404', 'no_route')).toBeGreaterThanOrEqual(1);
    const requests = (route: string, status: string) =>
      sample(text, 'http_server_request_duration_seconds_count', {
        service: 'gateway',
        method: 'GET',
        route,
        status_code: status,
      });
    expect(requests('proxy:users', '401')).toBe(2);
    expect(requests('proxy:oauth', '200')).toBe(1);
    expect(requests('unmatched', '404')).toBeUndefined(); // the catch-all route matched it
    expect(requests('/*', '404')).toBeGreaterThanOrEqual(1);
    // A latency histogram with fine buckets (how many fall in each depends on the machine's load).
    expect(text).toMatch(
      /^http_server_request_duration_seconds_bucket\{le="0\.005",service="gateway",method="GET",route="proxy:users",status_code="401"\} [0-2]$/m,
    );
    expect(text).toMatch(
      /^http_server_request_duration_seconds_bucket\{le="\+Inf",service="gateway",method="GET",route="proxy:users",status_code="401"\} 2$/m,
    );
    // Paths are never labels: the series count stays bounded whatever callers send.
    expect(text).not.toContain('ana-');
    expect(text).not.toContain('/nowhere');
  });
});
