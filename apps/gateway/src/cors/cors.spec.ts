import Fastify, { type FastifyInstance } from 'fastify';
import { installCors } from './cors';

const ALLOWED = 'https://app.example.com';

describe('installCors', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    installCors(app, { allows: (origin) => origin === ALLOWED });
    app.all('/*', async (_req, reply) =>
      reply.header('vary', 'Accept-Encoding').header('x-request-id', 'r1').send({ ok: true }),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  const preflight = (origin: string, url = '/api/v1/webhooks') =>
    app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, user-access',
      },
    });

  it('answers a preflight from an allowed origin with what it may send', async () => {
    const res = await preflight(ALLOWED);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-methods']).toContain('PATCH');
    const headers = String(res.headers['access-control-allow-headers']).toLowerCase();
    for (const h of [
      'authorization',
      'content-type',
      'user-access',
      'idempotency-key',
      'traceparent',
    ])
      expect(headers).toContain(h);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['vary']).toContain('Origin');
  });

  it('lets an allowed origin read an answer and its rate-limit and request-id headers', async () => {
    const res = await app.inject({
      url: '/usuarios/v0.1/api/usuarios',
      headers: { origin: ALLOWED },
    });
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    const exposed = String(res.headers['access-control-expose-headers']);
    for (const h of ['Idempotent-Replayed', 'RateLimit', 'Retry-After', 'x-request-id', 'Location'])
      expect(exposed).toContain(h);
    expect(res.headers['vary']).toBe('Accept-Encoding, Origin');
  });

  it('gives an origin it does not know no CORS header at all', async () => {
    const pre = await preflight('https://evil.example.com');
    expect(pre.statusCode).toBe(204);
    expect(Object.keys(pre.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const res = await app.inject({ url: '/x', headers: { origin: 'https://evil.example.com' } });
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(res.headers['vary']).toContain('Origin');
  });

  it('keeps the portal and the login pages same-origin', async () => {
    const res = await app.inject({ url: '/portal/api/session', headers: { origin: ALLOWED } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await preflight(ALLOWED, '/servicelogin/login');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });
});
