import { ASSERTION_HEADER, generateAssertionKeys } from '@platform/auth';
import {
  AccessGranted,
  AccessRevoked,
  ClientCreated,
  ClientDeleted,
  LicenseCreated,
  LicenseRevoked,
  TokenRevoked,
  UserDisabled,
  UserUpdated,
} from '@platform/contracts';
import { InProcessBus } from '@platform/messaging';
import { randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { envelope } from './events';
import { gatewayEnv, startGateway, type TestGateway } from './gateway-harness';
import { startRecordingService, type RecordingService } from './recording-service';
import { tamper, TestTokenIssuer, unsignedToken } from './token-issuer';

const ISSUER = 'https://api.example.test';
const keys = generateAssertionKeys();
const USERS = '/usuarios/v0.1/api/usuarios';

describe('gateway authentication (e2e: gateway + fake oauth JWKS + recording service, in-process bus)', () => {
  let oauth: TestTokenIssuer;
  let service: RecordingService;
  let gateway: TestGateway;
  const bus = new InProcessBus();
  /** What the audit service would receive over the bus. */
  const decisions: Record<string, unknown>[] = [];

  const call = (
    path: string,
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<Response> =>
    fetch(`${gateway.url}${path}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
  const publish = (...events: ReturnType<typeof envelope>[]): Promise<void> => bus.publish(events);
  const userToken = (userId: string, scopes = ['users.suite']): Promise<string> =>
    oauth.sign({ clientId: 'portal', userId, scopes });

  beforeAll(async () => {
    oauth = await TestTokenIssuer.start(ISSUER);
    service = await startRecordingService('users', keys.publicKey);
    gateway = await startGateway({
      env: gatewayEnv(service.url, {
        ASSERTION_PRIVATE_KEY: keys.privateKey,
        PUBLIC_URL: ISSUER,
        OAUTH_JWKS_URL: oauth.jwksUrl(),
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
    await gateway?.close();
    await service?.close();
    await oauth?.close();
  });

  beforeEach(() => (service.seen.length = 0));

  async function expect401(res: Response, error: 'invalid_token' | undefined): Promise<void> {
    expect(res.status).toBe(401);
    const challenge = res.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer realm="platform"/);
    if (error) expect(challenge).toContain(`error="${error}"`);
    else expect(challenge).not.toContain('error=');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(service.seen).toHaveLength(0);
  }

  it('forwards a valid token as an assertion, with any case of the Bearer scheme', async () => {
    const token = await userToken('ana');
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const res = await fetch(`${gateway.url}${USERS}`, {
        headers: { authorization: `${scheme} ${token}` },
      });
      expect(res.status).toBe(200);
    }
    expect(service.seen.map((s) => s.principal?.userId)).toEqual(['ana', 'ana', 'ana']);
  });

  it('refuses a request without a token: 401 with a bare Bearer challenge', async () => {
    await expect401(await call(USERS), undefined);
    await expect401(await call(USERS, undefined, { authorization: 'Basic YTpi' }), undefined);
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const token = await oauth.sign({
      clientId: 'portal',
      scopes: ['users.suite'],
      iat: past - 60,
      exp: past,
    });
    const res = await call(USERS, token);
    await expect401(res, 'invalid_token');
    expect(res.headers.get('www-authenticate')).toContain('expired');
  });

  it('refuses alg none, another key, a tampered payload, another issuer and garbage', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: ISSUER,
      sub: 'x',
      client_id: 'x',
      scope: 'users.suite',
      jti: 'j',
      iat: now,
      exp: now + 60,
    };
    const { privateKey: otherKey } = await generateKeyPair('ES256');
    const genuine = await oauth.sign({ clientId: 'portal', scopes: ['notifications.suite'] });
    const refused = [
      unsignedToken(claims),
      await oauth.sign({ clientId: 'portal', scopes: ['users.suite'] }, otherKey),
      await oauth.sign({ clientId: 'portal', scopes: ['users.suite'] }, otherKey, 'unknown-kid'),
      tamper(genuine, { scope: 'users.suite platform.admin' }),
      await oauth.sign({
        clientId: 'portal',
        scopes: ['users.suite'],
        iss: 'https://evil.example',
      }),
      'not.a.jwt',
    ];
    for (const token of refused) await expect401(await call(USERS, token), 'invalid_token');
    await expect401(await call(USERS, undefined, { authorization: 'Bearer a b' }), 'invalid_token');
  });

  it('refuses a revoked token, a deleted client’s token and a disabled user’s token', async () => {
    const jti = randomUUID();
    const revoked = await oauth.sign({ clientId: 'portal', scopes: ['users.suite'], jti });
    const deletedClient = await oauth.sign({ clientId: 'gone-client', scopes: ['users.suite'] });
    const disabledUser = await userToken('bruno');
    const other = await userToken('carla');
    for (const t of [revoked, deletedClient, disabledUser])
      expect((await call(USERS, t)).status).toBe(200);
    await publish(
      envelope(TokenRevoked, jti, { scope: 'token', jti, reason: 'revoked by its owner' }),
      envelope(ClientDeleted, 'gone-client', {
        clientId: 'gone-client',
        deletedAt: new Date().toISOString(),
      }),
      envelope(UserDisabled, 'bruno', { id: 'bruno', disabledAt: new Date().toISOString() }),
    );
    service.seen.length = 0;
    for (const t of [revoked, deletedClient, disabledUser])
      await expect401(await call(USERS, t), 'invalid_token');
    expect((await call(USERS, other)).status).toBe(200);
  });

  it('refuses a disabled user’s token issued after the disable too, until the user is active again', async () => {
    const disabledAt = new Date(Date.now() - 60_000).toISOString();
    await publish(envelope(UserDisabled, 'iris', { id: 'iris', disabledAt }));
    // Issued after the disable (e.g. by a grant that did not check the user): still refused.
    const after = await userToken('iris');
    const res = await call(USERS, after);
    await expect401(res, 'invalid_token');
    expect(res.headers.get('www-authenticate')).toContain('disabled user');
    const person = { id: 'iris', name: 'Iris', email: 'iris@example.com' };
    await publish(envelope(UserUpdated, 'iris', { ...person, status: 'active' }));
    expect((await call(USERS, after)).status).toBe(200);
    // The tokens from before the disable stay revoked.
    const before = await oauth.sign({
      clientId: 'portal',
      userId: 'iris',
      scopes: ['users.suite'],
      iat: Date.parse(disabledAt) / 1000 - 1,
    });
    service.seen.length = 0;
    await expect401(await call(USERS, before), 'invalid_token');
  });

  it('answers 403 insufficient_scope on a route the token’s scopes do not reach', async () => {
    const token = await oauth.sign({ clientId: 'portal', scopes: ['notifications.suite'] });
    const res = await call(USERS, token);
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(res.headers.get('www-authenticate')).toContain('scope="users.suite"');
    expect(service.seen).toHaveLength(0);
    const both = await oauth.sign({ clientId: 'portal', scopes: ['licenses.suite'] });
    expect((await call('/licenses/dados/v0.1/api/entidades', both)).status).toBe(403);
  });

  it('puts the context of the caller’s own User-Access in the assertion; another user’s is 403', async () => {
    const context = { entity: 'e1', database: 'db1' };
    await publish(
      envelope(AccessGranted, 'acc-dora', {
        id: 'acc-dora',
        user: 'dora',
        admin: false,
        role: 'user',
        context,
      }),
      envelope(AccessGranted, 'acc-eli', {
        id: 'acc-eli',
        user: 'eli',
        admin: true,
        role: 'admin',
        context,
      }),
    );
    const dora = await userToken('dora');
    const own = await call(USERS, dora, { 'user-access': 'acc-dora' });
    expect(own.status).toBe(200);
    expect(service.seen[0]!.principal!.context).toEqual({
      ...context,
      accessId: 'acc-dora',
      role: 'user',
    });
    service.seen.length = 0;
    expect((await call(USERS, dora, { 'user-access': 'acc-eli' })).status).toBe(403);
    expect((await call(USERS, dora, { 'user-access': 'no-such-access' })).status).toBe(403);
    await publish(envelope(AccessRevoked, 'acc-dora', { id: 'acc-dora', user: 'dora', context }));
    expect((await call(USERS, dora, { 'user-access': 'acc-dora' })).status).toBe(403);
    expect(service.seen).toHaveLength(0);
  });

  it('lets only user tokens with the UserManagement permission map identifiers (003_*)', async () => {
    const path = '/cust-1/users/identifiers';
    const post = async (token: string): Promise<number> =>
      (
        await fetch(`${gateway.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        })
      ).status;
    expect(await post(await oauth.sign({ clientId: 'portal', scopes: [] }))).toBe(403);
    expect(await post(await oauth.sign({ clientId: 'portal', userId: 'hugo', scopes: [] }))).toBe(
      403,
    );
    expect(service.seen).toHaveLength(0);
    const allowed = await oauth.sign({
      clientId: 'portal',
      userId: 'hugo',
      scopes: [],
      extra: { entitlements: ['UserManagement'] },
    });
    await post(allowed);
    expect(service.seen.map((s) => s.url)).toEqual([path]);
  });

  it("lets only a context's admin (an admin User-Access) reach the context's applications", async () => {
    const context = { entity: 'e7', database: 'db7' };
    const grant = (id: string, user: string, role: 'admin' | 'technician') =>
      envelope(AccessGranted, id, { id, user, admin: role === 'admin', role, context });
    await publish(grant('acc-ivo', 'ivo', 'admin'), grant('acc-juca', 'juca', 'technician'));
    const path = '/auth/oauth2/context/clients';
    const status = async (token: string, access?: string): Promise<number> =>
      (await call(path, token, access ? { 'user-access': access } : {})).status;
    const suite = ['user-accounts.suite'];
    const ivo = await userToken('ivo', suite);
    expect(await status(ivo)).toBe(403);
    expect(await status(await userToken('juca', suite), 'acc-juca')).toBe(403);
    expect(await status(await userToken('ivo', ['users.suite']), 'acc-ivo')).toBe(403);
    expect(service.seen).toHaveLength(0);
    // Let through (the recording service stands in for oauth, whose assertion it cannot read).
    await status(ivo, 'acc-ivo');
    expect(service.seen.map((s) => s.url)).toEqual([path]);
  });

  it('records refused authorization decisions as security.decision events on the bus', async () => {
    const dora = await userToken('dora');
    const res = await call(USERS, dora, {
      'user-access': 'acc-of-nobody',
      'x-request-id': 'req-audit',
    });
    expect(res.status).toBe(403);
    const deadline = Date.now() + 3_000;
    while (!decisions.some((d) => d['requestId'] === 'req-audit') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(decisions.find((d) => d['requestId'] === 'req-audit')).toMatchObject({
      action: 'gateway.authorize',
      outcome: 'denied',
      actorClient: 'portal',
      actorUser: 'dora',
      reason: 'invalid_user_access',
      target: `GET ${USERS}`,
    });
  });

  it('refuses a client bound to an inactive license; the assertion and the record carry the license (000_*)', async () => {
    const at = Date.now();
    const license = {
      id: `lic-${randomUUID()}`,
      entity: 'E',
      database: 'D',
      system: 'S',
      validFrom: new Date(at - 60_000).toISOString(),
      validUntil: new Date(at + 3_600_000).toISOString(),
    };
    const client = { clientId: 'licensed', name: 'x', kind: 'service', scopes: ['users.suite'] };
    await publish(
      envelope(LicenseCreated, license.id, license),
      envelope(ClientCreated, client.clientId, { ...client, license: license.id }),
    );
    const token = await oauth.sign({ clientId: 'licensed', scopes: ['users.suite'] });
    expect((await call(USERS, token)).status).toBe(200);
    expect(service.seen[0]!.principal).toMatchObject({ clientId: 'licensed', license: license.id });

    await publish(envelope(LicenseRevoked, license.id, { ...license, reason: 'ended' }));
    const refused = await call(USERS, token, { 'x-request-id': 'req-license' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      status: 403,
      code: 'license_inactive',
      reason: 'REVOKED',
      license: license.id,
    });
    expect(service.seen).toHaveLength(1);
    const deadline = Date.now() + 3_000;
    while (!decisions.some((d) => d['requestId'] === 'req-license') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(decisions.find((d) => d['requestId'] === 'req-license')).toMatchObject({
      action: 'gateway.authorize',
      outcome: 'denied',
      actorClient: 'licensed',
      reason: 'license_inactive',
      license: license.id,
    });
  });

  it('lets an endpoint-limited token reach only the endpoints it names (000_*, 004_*)', async () => {
    const limited = await oauth.sign({
      clientId: 'integrator',
      scopes: ['users.suite'],
      extra: { endpoints: ['GET /usuarios/v0.1/api/usuarios/{id}'] },
    });
    expect((await call(`${USERS}/ana`, limited)).status).toBe(200);
    const other = await call(USERS, limited);
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ code: 'endpoint_not_allowed' });
    expect((await call(`${USERS}/ana/photo`, limited)).status).toBe(403);
    expect(service.seen.map((s) => s.url)).toEqual([`${USERS}/ana`]);
    service.seen.length = 0;
    // A limit the gateway cannot read is not taken for no limit.
    const garbled = await oauth.sign({
      clientId: 'integrator',
      scopes: ['users.suite'],
      extra: { endpoints: 'GET /usuarios/v0.1/api/usuarios' },
    });
    await expect401(await call(USERS, garbled), 'invalid_token');
  });

  it('lets platform.admin act without a User-Access', async () => {
    const admin = await oauth.sign({ clientId: 'bootstrap', scopes: ['platform.admin'] });
    const res = await call(USERS, admin);
    expect(res.status).toBe(200);
    expect(service.seen[0]!.principal).toMatchObject({
      clientId: 'bootstrap',
      scopes: ['platform.admin'],
    });
  });

  it('never forwards the caller’s token or a forged identity; the service still knows the caller', async () => {
    const token = await oauth.sign({
      clientId: 'portal',
      userId: 'fabio',
      scopes: ['users.suite'],
      jti: 'jti-fabio',
    });
    const res = await call(`${USERS}/fabio`, token, {
      [ASSERTION_HEADER]: 'forged-by-the-caller',
      'x-request-id': 'req-fabio',
    });
    expect(res.status).toBe(200);
    const inbound = service.seen[0]!;
    expect(inbound.headers['authorization']).toBeUndefined();
    expect(JSON.stringify(inbound.headers)).not.toContain(token);
    expect(inbound.headers[ASSERTION_HEADER]).not.toBe('forged-by-the-caller');
    expect(inbound.principal).toEqual({
      clientId: 'portal',
      userId: 'fabio',
      scopes: ['users.suite'],
      tokenId: 'jti-fabio',
      requestId: 'req-fabio',
    });
  });

  it('sends the IETF RateLimit fields on forwarded answers', async () => {
    const res = await call(USERS, await userToken('gil'));
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBe('"client";q=600;w=60');
    expect(res.headers.get('ratelimit')).toMatch(/^"client";r=\d+;t=\d+$/);
  });
});
