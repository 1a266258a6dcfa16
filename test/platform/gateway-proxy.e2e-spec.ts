import { AssertionVerifier } from '@platform/auth';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { readAll } from './fake-service';
import {
  type GatewayHarness,
  send,
  startGatewayHarness,
  UPSTREAM_TIMEOUT_MS,
} from './gateway-harness';

const MIB = 1024 * 1024;

describe('gateway proxy (e2e, fake services behind it)', () => {
  let h: GatewayHarness;
  let releaseFeed: () => void = () => undefined;
  let firstChunkArrived: Promise<void>;
  let markFirstChunk: () => void = () => undefined;

  beforeAll(async () => {
    h = await startGatewayHarness((app) => {
      app.get('/usuarios/v0.1/api/usuarios/:id/feed', (_req, reply) => {
        const stream = new PassThrough();
        stream.write('first-chunk;');
        const released = new Promise<void>((resolve) => (releaseFeed = resolve));
        void released.then(() => stream.end('second-chunk'));
        void reply
          .code(207)
          .header('x-upstream', 'kept')
          .type('application/octet-stream')
          .send(stream);
      });
      app.post('/usuarios/v0.1/api/usuarios/:id/upload', async (req) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req.body as Readable) {
          if (chunks.length === 0) markFirstChunk();
          chunks.push(chunk as Buffer);
        }
        return { received: Buffer.concat(chunks).toString() };
      });
      app.get('/usuarios/v0.1/api/usuarios/:id/hang', () => new Promise(() => undefined));
      // A service killed between its answer's head and its body (the chaos suite's SIGKILL).
      app.post('/usuarios/v0.1/api/usuarios/:id/dies', (_req, reply) => {
        reply.hijack();
        const socket = reply.raw.socket;
        socket?.write(
          'HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 64\r\n\r\n',
        );
        setTimeout(() => socket?.destroy(), 50);
      });
    });
  });

  afterAll(async () => {
    releaseFeed();
    await h?.close();
  });

  beforeEach(() => {
    h.signedIn = true;
    h.a.seen.length = 0;
    firstChunkArrived = new Promise((resolve) => (markFirstChunk = resolve));
  });

  it('forwards a request with its body and query, and answers with the service status and headers', async () => {
    const res = await fetch(`${h.base}/usuarios/v0.1/api/usuarios?page=2&q=a%20b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-123' },
      body: JSON.stringify({ name: 'Ana' }),
    });
    expect(res.status).toBe(299);
    expect(res.headers.get('x-upstream')).toBe('kept');
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect(await res.json()).toEqual({ length: 14 });
    const seen = h.a.seen[0]!;
    expect(seen.url).toBe('/usuarios/v0.1/api/usuarios?page=2&q=a%20b');
    expect(seen.body.toString()).toBe('{"name":"Ana"}');
    expect(seen.headers['x-request-id']).toBe('req-123');
  });

  it('makes a request id when the caller sends none, echoes it and forwards it', async () => {
    const res = await fetch(`${h.base}/usuarios/v0.1/api/usuarios/1`);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.a.seen[0]!.headers['x-request-id']).toBe(id);
  });

  it('replaces the caller token and any forged assertion by its own signed assertion', async () => {
    await fetch(`${h.base}/usuarios/v0.1/api/usuarios/1`, {
      headers: {
        authorization: 'Bearer the-callers-token',
        'x-platform-assertion': 'forged',
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-host': 'evil.test',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        'x-request-id': 'req-assert',
      },
    });
    const headers = h.a.seen[0]!.headers;
    expect(headers['authorization']).toBeUndefined();
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-host']).not.toBe('evil.test');
    expect(headers['traceparent']).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    expect(headers['traceparent']).not.toContain('b7ad6b7169203331');
    const principal = await new AssertionVerifier(h.keys.publicKey, 'users').verify(
      headers['x-platform-assertion'] as string,
    );
    expect(principal).toMatchObject({ clientId: 'client-1', userId: 'user-1' });
    // The assertion is reused per caller (ADR 20): the request is named by x-request-id, which
    // the service's guard takes as the principal's requestId.
    expect(headers['x-request-id']).toBe('req-assert');
    await expect(
      new AssertionVerifier(h.keys.publicKey, 'audit').verify(
        headers['x-platform-assertion'] as string,
      ),
    ).rejects.toThrow();
  });

  it('lets client credentials through to oauth on its open endpoints, without an assertion', async () => {
    const res = await fetch(`${h.base}/auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: 'Basic Y2xpZW50OnNlY3JldA==',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(299);
    expect(h.a.seen[0]!.headers['authorization']).toBe('Basic Y2xpZW50OnNlY3JldA==');
    expect(h.a.seen[0]!.headers['x-platform-assertion']).toBeUndefined();
    expect(h.a.seen[0]!.body.toString()).toBe('grant_type=client_credentials');
  });

  it('refuses a protected route to a caller without a valid token (401 with a Bearer challenge)', async () => {
    h.signedIn = false;
    const res = await fetch(`${h.base}/usuarios/v0.1/api/usuarios/1`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(h.a.seen).toHaveLength(0);
  });

  it('streams the response: the first bytes reach the caller before the service has finished', async () => {
    const res = await fetch(`${h.base}/usuarios/v0.1/api/usuarios/1/feed`);
    expect(res.status).toBe(207);
    expect(res.headers.get('x-upstream')).toBe('kept');
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe('first-chunk;');
    releaseFeed();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += Buffer.from(r.value).toString();
    expect(rest).toBe('second-chunk');
  });

  it('streams the request: the service sees the first bytes before the caller has finished', async () => {
    const req = httpRequest(`${h.base}/usuarios/v0.1/api/usuarios/1/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
    });
    const response = new Promise<IncomingMessage>((resolve, reject) =>
      req.on('response', resolve).on('error', reject),
    );
    req.write('part-one;');
    await firstChunkArrived;
    req.end('part-two');
    const res = await response;
    expect(res.statusCode).toBe(200);
    expect(JSON.parse((await readAll(res)).toString())).toEqual({ received: 'part-one;part-two' });
  });

  it('refuses a body over the limit with 413, whether declared or streamed', async () => {
    const declared = await send(
      h.base,
      'POST',
      '/usuarios/v0.1/api/usuarios',
      Buffer.alloc(MIB + 1, 1),
      true,
    );
    expect(declared.status).toBe(413);
    expect(declared.contentType).toContain('application/problem+json');
    expect(h.a.seen).toHaveLength(0); // refused on its Content-Length, before any byte was forwarded
    const streamed = await send(
      h.base,
      'POST',
      '/usuarios/v0.1/api/usuarios',
      Buffer.alloc(MIB + 1, 1),
      false,
    );
    expect(streamed.status).toBe(413);
    const photo = await send(
      h.base,
      'PUT',
      '/usuarios/v0.1/api/usuarios/1/photo',
      Buffer.alloc(3 * MIB, 1),
      true,
    );
    expect(photo.status).toBe(299);
    expect(h.a.seen.find((s) => s.method === 'PUT')!.body.length).toBe(3 * MIB);
  });

  it('answers 404 problem+json for a path no service exposes, and 400 for dot segments', async () => {
    const res = await fetch(`${h.base}/internal/credentials/check`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 404,
      instance: '/internal/credentials/check',
    });
    const dots = await send(
      h.base,
      'GET',
      '/usuarios/v0.1/api/%2e%2e/%2e%2e/%2e%2e/internal/x',
      Buffer.alloc(0),
      true,
    );
    expect(dots.status).toBe(400);
    expect(h.a.seen).toHaveLength(0);
  });

  it('answers 502, not 500, when a service dies after the head of its answer', async () => {
    const res = await fetch(`${h.base}/usuarios/v0.1/api/usuarios/1/dies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 502,
      detail: 'The users service is unavailable.',
    });
  });

  it('answers 504 instead of hanging when a service does not respond', async () => {
    const started = Date.now();
    const res = await fetch(`${h.base}/usuarios/v0.1/api/usuarios/1/hang`);
    expect(res.status).toBe(504);
    // undici's timers tick every half second; the rest is slack for a loaded machine.
    expect(Date.now() - started).toBeLessThan(UPSTREAM_TIMEOUT_MS + 2000);
  });
});
