import { generateAssertionKeys } from '@platform/auth';
import { AccessGranted, AccessRevoked, TokenRevoked } from '@platform/contracts';
import { InProcessBus } from '@platform/messaging';
import { eventually } from '@platform/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { envelope } from './events';
import { gatewayEnv, startGateway, type TestGateway } from './gateway-harness';
import { startRecordingService, type RecordingService } from './recording-service';
import { TestTokenIssuer } from './token-issuer';

const ISSUER = 'https://api.example.test';
const STREAM = '/notifications/api/messages/stream';
const SLOW = '/notifications/api/messages/slow';
const UPSTREAM_TIMEOUT_MS = 1_000;
const keys = generateAssertionKeys();

/** A notifications stand-in: SSE streams it writes to on demand, and a route that never answers. */
class StreamingService {
  readonly open = new Set<ServerResponse>();
  url = '';
  private constructor(private readonly app: FastifyInstance) {}

  static async start(): Promise<StreamingService> {
    const service = new StreamingService(Fastify());
    service.app.get(STREAM, (req, reply) => {
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      reply.raw.write(': opened\n\n');
      service.open.add(reply.raw);
      req.raw.socket.once('close', () => service.open.delete(reply.raw));
    });
    service.app.get(SLOW, (_req, reply) => void reply.hijack());
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    service.url = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
    return service;
  }

  send(data: string): void {
    for (const res of this.open) res.write(`event: message\ndata: ${data}\n\n`);
  }

  close(): Promise<void> {
    this.app.server.closeAllConnections();
    return this.app.close();
  }
}

interface Reading {
  text: () => string;
  /** When the caller saw the stream end (ms since the epoch), once it has. */
  endedAt: () => number | undefined;
  cancel(): void;
}

describe('long-lived responses through the gateway (SSE: idle, revocation, expiry)', () => {
  const bus = new InProcessBus();
  let oauth: TestTokenIssuer;
  let owners: RecordingService;
  let upstream: StreamingService;
  let gateway: TestGateway;
  const decisions: Record<string, unknown>[] = [];

  beforeAll(async () => {
    oauth = await TestTokenIssuer.start(ISSUER);
    owners = await startRecordingService('oauth', keys.publicKey);
    upstream = await StreamingService.start();
    gateway = await startGateway({
      env: gatewayEnv(owners.url, {
        NOTIFICATIONS_URL: upstream.url,
        ASSERTION_PRIVATE_KEY: keys.privateKey,
        PUBLIC_URL: ISSUER,
        OAUTH_JWKS_URL: oauth.jwksUrl(),
        UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
        STREAM_IDLE_TIMEOUT_MS: '30000',
      }),
      bus,
    });
    bus.register('audit-probe', ['security.decision'], (_topic, event) => {
      decisions.push(event.data as Record<string, unknown>);
      return Promise.resolve();
    });
    await bus.start();
  });

  afterAll(async () => {
    await upstream?.close();
    await gateway?.close();
    await owners?.close();
    await oauth?.close();
  });

  /** Opens the stream through the gateway and reads it in the background. */
  async function openStream(token: string, access?: string): Promise<Reading> {
    const controller = new AbortController();
    const res = await fetch(`${gateway.url}${STREAM}`, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'text/event-stream',
        ...(access ? { 'user-access': access } : {}),
      },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    let text = '';
    let endedAt: number | undefined;
    void (async () => {
      const reader = res.body!.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      } catch {
        // aborted, or reset: either way it ended
      }
      endedAt = Date.now();
    })();
    await eventually(async () => (text.includes(': opened') ? true : undefined), 5_000, 10);
    return { text: () => text, endedAt: () => endedAt, cancel: () => controller.abort() };
  }

  const userToken = (userId: string, over: { jti?: string; exp?: number } = {}) =>
    oauth.sign({ clientId: 'portal', userId, scopes: ['notifications.suite'], ...over });

  /** Waits until the caller saw the end; returns how long after `since` that was. */
  async function endedWithin(reading: Reading, since: number): Promise<number> {
    const endedAt = await eventually(async () => reading.endedAt(), 5_000, 10);
    return endedAt - since;
  }

  it('keeps an idle event stream open past the upstream timeout; an ordinary slow answer still times out', async () => {
    const reading = await openStream(await userToken('idle'));
    await new Promise((r) => setTimeout(r, 3 * UPSTREAM_TIMEOUT_MS));
    expect(reading.endedAt()).toBeUndefined();
    upstream.send('after the silence');
    await eventually(async () => (reading.text().includes('after the silence') ? true : undefined));
    reading.cancel();

    const started = Date.now();
    const slow = await fetch(`${gateway.url}${SLOW}`, {
      headers: { authorization: `Bearer ${await userToken('idle')}` },
    });
    expect(slow.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(3 * UPSTREAM_TIMEOUT_MS);
  });

  it('ends a stream within a second of its token’s revocation, and lets the service go', async () => {
    const jti = randomUUID();
    const reading = await openStream(await userToken('rita', { jti }));
    const other = await openStream(await userToken('rita'));
    const opened = upstream.open.size;
    const revokedAt = Date.now();
    await bus.publish([envelope(TokenRevoked, jti, { scope: 'token', jti })]);
    const ms = await endedWithin(reading, revokedAt);
    process.stdout.write(`\n  token.revoked → SSE stream ended at the caller in ${ms} ms\n`);
    expect(ms).toBeLessThanOrEqual(1_000);
    expect(reading.text()).toContain(': closed by the gateway: token_revoked');
    await eventually(async () => (upstream.open.size === opened - 1 ? true : undefined));
    expect(other.endedAt()).toBeUndefined();
    other.cancel();
    await eventually(async () =>
      decisions.some((d) => (d['details'] as { tokenId?: string })?.tokenId === jti)
        ? true
        : undefined,
    );
  });

  it('ends a stream within a second of the revocation of the User-Access it was opened in', async () => {
    const context = { entity: 'e1', database: 'd1' };
    const access = {
      id: `acc-${randomUUID()}`,
      user: 'sara',
      admin: false,
      role: 'user' as const,
      context,
    };
    await bus.publish([envelope(AccessGranted, access.id, access)]);
    const reading = await openStream(await userToken('sara'), access.id);
    const revokedAt = Date.now();
    await bus.publish([
      envelope(AccessRevoked, access.id, { id: access.id, user: 'sara', context }),
    ]);
    expect(await endedWithin(reading, revokedAt)).toBeLessThanOrEqual(1_000);
    expect(reading.text()).toContain(': closed by the gateway: access_revoked');
  });

  it('ends a stream when its token expires', async () => {
    const exp = Math.ceil(Date.now() / 1000) + 2;
    const reading = await openStream(await userToken('tito', { exp }));
    const ms = await endedWithin(reading, exp * 1000);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThanOrEqual(1_000);
    expect(reading.text()).toContain(': closed by the gateway: token_expired');
  });
});
