import { generateAssertionKeys } from '@platform/auth';
import { randomUUID } from 'node:crypto';
import { gatewayEnv, startGateway, type TestGateway } from './gateway-harness';
import { startRecordingService, type RecordingService } from './recording-service';
import { TestTokenIssuer } from './token-issuer';

const ISSUER = 'https://api.example.test';
const USERS = '/usuarios/v0.1/api/usuarios';
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const keys = generateAssertionKeys();

describe('per-client rate limit shared by two gateway instances through Redis', () => {
  let oauth: TestTokenIssuer;
  let service: RecordingService;
  let one: TestGateway;
  let two: TestGateway;
  // A client of this run only, so counters left in Redis by other runs never interfere.
  const limited = `limited-${randomUUID()}`;
  const other = `other-${randomUUID()}`;

  beforeAll(async () => {
    oauth = await TestTokenIssuer.start(ISSUER);
    service = await startRecordingService('users', keys.publicKey);
    const env = gatewayEnv(service.url, {
      ASSERTION_PRIVATE_KEY: keys.privateKey,
      PUBLIC_URL: ISSUER,
      OAUTH_JWKS_URL: oauth.jwksUrl(),
      REDIS_URL,
      RATE_LIMIT_DEFAULT: '1000/1h',
      RATE_LIMIT_PER_CLIENT: JSON.stringify({ [limited]: '6/1h' }),
    });
    one = await startGateway({ env });
    two = await startGateway({ env });
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await service?.close();
    await oauth?.close();
  });

  it('counts a client’s requests across both instances and answers 429 with Retry-After and RateLimit fields', async () => {
    const token = await oauth.sign({ clientId: limited, scopes: ['users.suite'] });
    const call = (g: TestGateway): Promise<Response> =>
      fetch(`${g.url}${USERS}`, { headers: { authorization: `Bearer ${token}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(i % 2 === 0 ? one : two)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);

    for (const g of [one, two]) {
      const refused = await call(g);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(refused.headers.get('ratelimit-policy')).toBe('"client";q=6;w=3600');
      expect(refused.headers.get('ratelimit')).toBe(`"client";r=0;t=${retryAfter}`);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(service.seen).toHaveLength(6);
  });

  it('keeps other clients on their own counters (the default policy)', async () => {
    const token = await oauth.sign({ clientId: other, scopes: ['users.suite'] });
    const res = await fetch(`${two.url}${USERS}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBe('"client";q=1000;w=3600');
    expect(res.headers.get('ratelimit')).toMatch(/^"client";r=999;t=\d+$/);
  });
});

describe('per-client rate limit when the gateway’s Redis is down', () => {
  let oauth: TestTokenIssuer;
  let service: RecordingService;
  let gateway: TestGateway;
  const limited = `limited-${randomUUID()}`;

  beforeAll(async () => {
    oauth = await TestTokenIssuer.start(ISSUER);
    service = await startRecordingService('users', keys.publicKey);
    gateway = await startGateway({
      env: gatewayEnv(service.url, {
        ASSERTION_PRIVATE_KEY: keys.privateKey,
        PUBLIC_URL: ISSUER,
        OAUTH_JWKS_URL: oauth.jwksUrl(),
        REDIS_URL: 'redis://127.0.0.1:1', // nothing listens there
        RATE_LIMIT_PER_CLIENT: JSON.stringify({ [limited]: '4/1h' }),
      }),
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await service?.close();
    await oauth?.close();
  });

  it('answers without waiting on Redis and still refuses a client over its limit', async () => {
    const token = await oauth.sign({ clientId: limited, scopes: ['users.suite'] });
    const timings: number[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const start = performance.now();
      const res = await fetch(`${gateway.url}${USERS}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      timings.push(performance.now() - start);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    // It used to wait 0.5 s per request for the dead Redis.
    expect(Math.max(...timings)).toBeLessThan(250);
  });
});
