import { randomUUID } from 'node:crypto';
import type { Principal } from '@platform/auth';
import * as testKit from '@platform/testing';
import { FakeGateway } from './fake-gateway';
import { basic, OauthHarness, postForm, startOauth } from './harness';

/*
 * A context's own applications (ADR 15 stage 2): `/auth/oauth2/context/clients*` for the context's
 * admin, limited to the clients of the caller's context and to the scopes and grants a context
 * admin may give; and the application's self-homologation checks (its token, and a read-only call
 * to each API its scopes allow, through the gateway).
 */
const ONE = { entity: randomUUID(), database: randomUUID() };
const TWO = { entity: randomUUID(), database: randomUUID() };
const SUITE = ['user-accounts.suite'];
type Json = Record<string, unknown>;

const adminOf = (ctx: typeof ONE, user = 'ana'): Partial<Principal> => ({
  clientId: 'platform-portal',
  userId: user,
  scopes: SUITE,
  context: { ...ctx, accessId: randomUUID(), role: 'admin' },
});

describe('oauth: a context owns its applications', () => {
  let h: OauthHarness;
  const gateway = new FakeGateway([
    { path: '/api/v1/aaa-needs-a-context', scopes: ['webhooks.suite'], status: 403 },
    { path: '/api/v1/event-types', scopes: ['webhooks.suite'], status: 200 },
    { path: '/api/v1/webhooks', scopes: ['webhooks.suite'], status: 200 },
    { path: '/notifications/api/messages', scopes: ['notifications.suite'], status: 200 },
    { path: '/notifications/api/messages/stream', scopes: ['notifications.suite'], status: 200 },
    { path: '/user-accounts/v0.1/api/management/access', scopes: SUITE, status: 403 },
    { path: '/user-accounts/v0.1/api/by-login', scopes: SUITE, status: 200, requiredQuery: 'l' },
  ]);
  const seenSecrets: string[] = [];

  beforeAll(async () => {
    await gateway.start();
    h = await startOauth('oauth_context_clients', [], testKit, {
      GATEWAY_URL: gateway.url,
      LICENSING_URL: gateway.url,
    });
    gateway.oauthBase = h.base;
  });
  afterAll(async () => {
    await h?.stop();
    await gateway.stop();
  });

  const call = async (
    who: Partial<Principal>,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${h.base}${path}`, {
      method,
      headers: {
        'x-platform-assertion': await testKit.assertionFor('oauth', who),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };
  const create = async (who: Partial<Principal>, body: Json): Promise<Json> => {
    const res = await call(who, 'POST', '/auth/oauth2/context/clients', body);
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    if (typeof res.body['client_secret'] === 'string') seenSecrets.push(res.body['client_secret']);
    return res.body;
  };
  const token = (id: string, secret: string) =>
    postForm(
      `${h.base}/auth/oauth2/token`,
      { grant_type: 'client_credentials' },
      { authorization: basic(id, secret) },
    );

  it("lets the context's admin create an application, owned by the context and recorded as such", async () => {
    const app = await create(adminOf(ONE), {
      name: 'ERP da prefeitura',
      kind: 'service',
      scopes: ['webhooks.suite', 'notifications.suite'],
    });
    expect(app).toMatchObject({
      kind: 'service',
      owner: ONE,
      grantTypes: ['client_credentials'],
      client_secret: expect.stringMatching(/^[\w-]{40,}$/),
    });
    expect((await token(app['client_id'] as string, app['client_secret'] as string)).status).toBe(
      200,
    );
    const [created] = (await h.events('client.created')).filter(
      (e) => e.subject === app['client_id'],
    );
    expect(created?.data).toMatchObject({ ...ONE, actorUser: 'ana', clientId: app['client_id'] });
  });

  it("shows a context only its own applications: another context's are not found", async () => {
    const theirs = await create(adminOf(TWO, 'olga'), {
      name: 'Sistema de Imbituba',
      kind: 'service',
      scopes: ['webhooks.suite'],
    });
    const id = theirs['client_id'] as string;
    const mine = await call(adminOf(ONE), 'GET', '/auth/oauth2/context/clients');
    expect(mine.status).toBe(200);
    const names = (mine.body as unknown as Json[]).map((c) => c['name']);
    expect(names).toContain('ERP da prefeitura');
    expect(names).not.toContain('Sistema de Imbituba');
    for (const [method, path] of [
      ['GET', `/auth/oauth2/context/clients/${id}`],
      ['POST', `/auth/oauth2/context/clients/${id}/secret`],
      ['GET', `/auth/oauth2/context/clients/${id}/tokens`],
      ['POST', `/auth/oauth2/context/clients/${id}/tokens`],
      ['DELETE', `/auth/oauth2/context/clients/${id}`],
    ] as const) {
      const res = await call(adminOf(ONE), method, path, method === 'POST' ? {} : undefined);
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 404`);
    }
    // Nor through the platform's own clients: the admin API stays platform.admin's.
    expect((await call(adminOf(ONE), 'GET', '/auth/oauth2/clients')).status).toBe(403);
  });

  it('is for the context admin only: a technician, a client without a user or no context get 403', async () => {
    const technician = { ...adminOf(ONE), context: { ...ONE, accessId: 'a', role: 'technician' } };
    const noUser = { ...adminOf(ONE), userId: undefined };
    const noContext = { clientId: 'platform-portal', userId: 'ana', scopes: SUITE };
    for (const who of [technician, noUser, noContext] as Partial<Principal>[]) {
      expect((await call(who, 'GET', '/auth/oauth2/context/clients')).status).toBe(403);
      const made = await call(who, 'POST', '/auth/oauth2/context/clients', {
        name: 'x',
        kind: 'service',
        scopes: ['webhooks.suite'],
      });
      expect(made.status).toBe(403);
    }
  });

  it("refuses, naming them, the scopes, kinds and grants kept for the platform's administrators", async () => {
    for (const scope of ['platform.admin', 'audit.read', 'users.suite', 'licenses.suite']) {
      const res = await call(adminOf(ONE), 'POST', '/auth/oauth2/context/clients', {
        name: 'greedy',
        kind: 'service',
        scopes: ['webhooks.suite', scope],
      });
      expect(res.status).toBe(400);
      expect(res.body['errors']).toEqual([
        { field: 'scopes', messages: [expect.stringContaining(scope)] },
      ]);
    }
    const password = await call(adminOf(ONE), 'POST', '/auth/oauth2/context/clients', {
      name: 'legacy',
      kind: 'password',
      scopes: ['webhooks.suite'],
    });
    expect(password.status).toBe(400);
    expect(JSON.stringify(password.body['errors'])).toContain('"kind"');
    const sso = await call(adminOf(ONE), 'POST', '/auth/oauth2/context/clients', {
      name: 'sso',
      kind: 'server',
      redirectUris: ['https://erp.example.com/cb'],
      grantTypes: ['authorization_code', 'custom_sso'],
      scopes: ['openid'],
    });
    expect(sso.status).toBe(400);
    expect(JSON.stringify(sso.body['errors'])).toContain('custom_sso');
    // A server application gets its kind's grants, but not the customer SSO of 003_*.
    const web = await create(adminOf(ONE), {
      name: 'Portal do cidadão',
      kind: 'server',
      redirectUris: ['https://cidadao.example.com/callback'],
      scopes: ['openid', 'profile', 'user-accounts.suite'],
    });
    expect(web['grantTypes']).toEqual(['authorization_code', 'refresh_token']);
    const scopes = await call(adminOf(ONE), 'GET', '/auth/oauth2/context/scopes');
    expect(scopes.body['grantable']).not.toContain('platform.admin');
    // A platform administrator acting in the context is not limited.
    const platform = { ...adminOf(ONE), scopes: ['platform.admin'] };
    const audit = await create(platform, {
      name: 'auditor',
      kind: 'service',
      scopes: ['audit.read'],
    });
    expect(audit['owner']).toEqual(ONE);
  });

  it("binds only a license of the caller's context, and says the same of an unknown one", async () => {
    const ours = randomUUID();
    const theirs = randomUUID();
    const lookup = {
      system: 's',
      validFrom: '2026-01-01',
      validUntil: '2099-01-01',
      code: 'VALID',
    };
    gateway.licenses.set(ours, { id: ours, ...ONE, ...lookup } as never);
    gateway.licenses.set(theirs, { id: theirs, ...TWO, ...lookup } as never);
    const body = { name: 'licenciado', kind: 'service', scopes: ['webhooks.suite'] };
    for (const license of [theirs, randomUUID()]) {
      const res = await call(adminOf(ONE), 'POST', '/auth/oauth2/context/clients', {
        ...body,
        license,
      });
      expect(res.status).toBe(400);
      expect(res.body['errors']).toEqual([
        { field: 'license', messages: [`license ${license} is not a license of your context`] },
      ]);
    }
    expect(await create(adminOf(ONE), { ...body, license: ours })).toMatchObject({ license: ours });
  });

  it('regenerates the secret (the old one stops working) and issues and revokes client access tokens', async () => {
    const app = await create(adminOf(ONE), {
      name: 'Integração da folha',
      kind: 'service',
      scopes: ['webhooks.suite'],
    });
    const id = app['client_id'] as string;
    const rotated = await call(adminOf(ONE), 'POST', `/auth/oauth2/context/clients/${id}/secret`);
    expect(rotated.status).toBe(200);
    const secret = rotated.body['client_secret'] as string;
    seenSecrets.push(secret);
    expect((await token(id, app['client_secret'] as string)).status).toBe(401);
    expect((await token(id, secret)).status).toBe(200);
    const [event] = (await h.events('client.secret_rotated')).filter((e) => e.subject === id);
    expect(event?.data).toMatchObject({ ...ONE, actorUser: 'ana' });

    const issued = await call(adminOf(ONE), 'POST', `/auth/oauth2/context/clients/${id}/tokens`, {
      description: 'fluxo Gupy',
      endpoints: ['GET /api/v1/event-types'],
    });
    expect(issued).toMatchObject({
      status: 201,
      body: { scope: 'webhooks.suite', endpoints: ['GET /api/v1/event-types'] },
    });
    seenSecrets.push(issued.body['access_token'] as string);
    const tokenId = issued.body['id'] as string;
    const [tokenIssued] = (await h.events('token.issued')).filter((e) => e.subject === tokenId);
    expect(tokenIssued?.data).toMatchObject({ ...ONE, endpoints: ['GET /api/v1/event-types'] });
    const wider = await call(adminOf(ONE), 'POST', `/auth/oauth2/context/clients/${id}/tokens`, {
      scopes: ['audit.read'],
    });
    expect(wider.status).toBe(400);
    const revoked = await call(
      adminOf(ONE),
      'DELETE',
      `/auth/oauth2/context/clients/${id}/tokens/${tokenId}`,
    );
    expect(revoked.status).toBe(204);
    const list = await call(adminOf(ONE), 'GET', `/auth/oauth2/context/clients/${id}/tokens`);
    expect(list.body as unknown as Json[]).toEqual([
      expect.objectContaining({ id: tokenId, revoked_at: expect.any(String) }),
    ]);
  });

  describe('self-homologation of the application', () => {
    let app: Json;
    const run = randomUUID();
    const check = (id: string, secret: string) =>
      call(adminOf(ONE), 'POST', `/auth/oauth2/context/clients/${id}/checks/token`, {
        client_secret: secret,
        run,
      });

    beforeAll(async () => {
      app = await create(adminOf(ONE), {
        name: 'Homologada',
        kind: 'service',
        scopes: ['webhooks.suite', 'notifications.suite'],
      });
    });

    it('gets a token with the typed secret and reads each API of its scopes through the gateway', async () => {
      const id = app['client_id'] as string;
      gateway.calls.length = 0;
      const res = await check(id, app['client_secret'] as string);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ clientId: id, run, passed: true });
      const [tokenCheck, reads] = res.body['checks'] as Json[];
      expect(tokenCheck).toMatchObject({
        check: 'client-token',
        passed: true,
        evidence: {
          statusCode: 200,
          clientId: id,
          scopes: ['webhooks.suite', 'notifications.suite'],
          expiresIn: 1500,
          jti: expect.any(String),
        },
      });
      expect(reads).toMatchObject({
        check: 'api-reads',
        passed: true,
        evidence: {
          reads: [
            {
              scope: 'webhooks.suite',
              endpoint: 'GET /api/v1/aaa-needs-a-context',
              statusCode: 403,
              passed: false,
            },
            {
              scope: 'webhooks.suite',
              endpoint: 'GET /api/v1/event-types',
              statusCode: 200,
              passed: true,
            },
            {
              scope: 'notifications.suite',
              endpoint: 'GET /notifications/api/messages',
              statusCode: 200,
              passed: true,
            },
          ],
        },
      });
      // Each call carried the application's own token; the stream was never called.
      expect(gateway.calls.map((c) => c.path)).not.toContain('/notifications/api/messages/stream');
      const bearer = gateway.calls[0]?.authorization?.replace('Bearer ', '') ?? '';
      const claims = JSON.parse(
        Buffer.from(bearer.split('.')[1] ?? '', 'base64url').toString(),
      ) as Json;
      expect(claims).toMatchObject({
        client_id: id,
        jti: (tokenCheck?.['evidence'] as Json)['jti'],
      });
      // The token is revoked once the checks are done, and the results are published.
      const jti = claims['jti'] as string;
      expect((await h.events('token.revoked')).map((e) => e.data['jti'])).toContain(jti);
      const events = (await h.events('integration.check_completed')).filter(
        (e) => e.data['run'] === run,
      );
      expect(events.map((e) => [e.data['check'], e.data['passed'], e.data['context']])).toEqual([
        ['client-token', true, ONE],
        ['api-reads', true, ONE],
      ]);
    });

    it('fails the token step with a wrong secret, and does not read', async () => {
      const res = await check(app['client_id'] as string, 'not-the-secret');
      expect(res.body).toMatchObject({
        passed: false,
        checks: [
          {
            check: 'client-token',
            passed: false,
            evidence: { statusCode: 401, responseBody: 'invalid_client' },
          },
          { check: 'api-reads', passed: false, detail: expect.stringContaining('no token') },
        ],
      });
    });

    it('fails the API step when an API of the token answers no read-only call with 2xx', async () => {
      const accounts = await create(adminOf(ONE), {
        name: 'Só contas',
        kind: 'service',
        scopes: ['user-accounts.suite'],
      });
      const res = await check(accounts['client_id'] as string, accounts['client_secret'] as string);
      const reads = (res.body['checks'] as Json[])[1];
      expect(reads).toMatchObject({
        check: 'api-reads',
        passed: false,
        evidence: {
          reads: [
            {
              scope: 'user-accounts.suite',
              endpoint: 'GET /user-accounts/v0.1/api/management/access',
              statusCode: 403,
            },
          ],
        },
      });
    });

    it("checks only the context's own applications", async () => {
      const res = await call(
        adminOf(TWO),
        'POST',
        `/auth/oauth2/context/clients/${String(app['client_id'])}/checks/token`,
        {
          client_secret: app['client_secret'],
        },
      );
      expect(res.status).toBe(404);
    });
  });

  it('never puts a secret or a token in an event', async () => {
    const all = JSON.stringify(await h.events());
    for (const secret of seenSecrets) expect(all).not.toContain(secret);
    expect(all).not.toContain('not-the-secret');
  });
});
