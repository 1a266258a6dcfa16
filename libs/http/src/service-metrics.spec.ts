import { Controller, Get, HttpException, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigModule, ServiceEnv } from '@platform/config';
import { HttpCommonModule } from './http-common.module';
import { createServiceApp, type ServiceAppOptions } from './service-app';

/*
 * Spec §9: every app serves Prometheus metrics at `GET /metrics` on its own port, with its HTTP
 * requests counted by route *template* (bounded: never the raw path), method and status, with
 * latency buckets.
 */

const KEY = '-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----';

@Controller('things')
class ThingsController {
  @Get(':id')
  one(@Param('id') id: string): { id: string } {
    if (id === 'gone') throw new HttpException('gone', 410);
    return { id };
  }
}

async function probeApp(options: ServiceAppOptions = {}): Promise<NestFastifyApplication> {
  const config = ConfigModule.forRoot('probe', ServiceEnv, {
    PORT: '0',
    DATABASE_URL: 'postgres://h/d',
    ASSERTION_PUBLIC_KEY: KEY,
    LOG_LEVEL: 'silent',
  });
  @Module({ imports: [config, HttpCommonModule], controllers: [ThingsController] })
  class ProbeModule {}
  const app = await createServiceApp(ProbeModule, options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('createServiceApp: /metrics and HTTP series', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await probeApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('serves the Prometheus text format at GET /metrics', async () => {
    const res = await get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4; charset=utf-8/);
    expect(res.body).toMatch(/^# TYPE http_server_request_duration_seconds histogram$/m);
    expect(res.body).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('counts requests by route template, method and status, never by raw path', async () => {
    for (const id of ['a-1', 'b-2', 'c-3'])
      expect((await get(`/things/${id}`)).statusCode).toBe(200);
    expect((await get('/things/gone')).statusCode).toBe(410);
    expect((await get('/no/such/path-xyz')).statusCode).toBe(404);

    const text = (await get('/metrics')).body;
    const count = (labels: string): string | undefined =>
      new RegExp(`^http_server_request_duration_seconds_count\\{${labels}\\} (\\d+)$`, 'm').exec(
        text,
      )?.[1];
    expect(count('service="probe",method="GET",route="/things/:id",status_code="200"')).toBe('3');
    expect(count('service="probe",method="GET",route="/things/:id",status_code="410"')).toBe('1');
    expect(count('service="probe",method="GET",route="unmatched",status_code="404"')).toBe('1');
    expect(text).toMatch(
      /^http_server_request_duration_seconds_bucket\{le="0\.005",service="probe",method="GET",route="\/things\/:id",status_code="200"\} \d+$/m,
    );
    expect(text).not.toMatch(/a-1|b-2|path-xyz/);
  });

  it('leaves /metrics off the app port when asked to (the gateway serves it elsewhere)', async () => {
    const gatewayLike = await probeApp({ metricsOnAppPort: false });
    try {
      expect((await gatewayLike.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await gatewayLike.close();
    }
  });
});
