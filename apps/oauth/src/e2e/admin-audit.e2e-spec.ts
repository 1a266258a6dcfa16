import * as testKit from '@platform/testing';
import { fetchFrom } from './browser';
import { ADMIN_CLIENT, basic, createClient, OauthHarness, postForm, startOauth } from './harness';

const { assertionFor } = testKit;
const REDIRECT = 'https://app.example.test/callback';
const GESTOR = { id: 'gestor', password: 'gestor-password-1', permissions: ['UserManagement'] };
const MARIA = { id: 'maria', password: 'maria-password-1' };
/** A source of its own, so the wrong customer tokens below are counted apart from other tests. */
const FROM = '127.0.0.90';

describe('oauth: client_credentials needs a secret; every admin change and failed customer token is on record', () => {
  let h: OauthHarness;
  let tokenUrl: string;
  /** Every secret this suite saw: none may ever appear in an event. */
  const secrets: string[] = [ADMIN_CLIENT.secret];

  beforeAll(async () => {
    h = await startOauth('oauth_admin_audit', [GESTOR, MARIA], testKit);
    tokenUrl = `${h.base}/auth/oauth2/token`;
  });
  afterAll(() => h?.stop());

  it('refuses client_credentials to a client without a secret: at registration (400) and at the token endpoint (unauthorized_client)', async () => {
    const refused = await h.admin('POST', '/auth/oauth2/clients', {
      name: 'public cc',
      kind: 'password',
      public: true,
      grantTypes: ['password', 'client_credentials'],
      scopes: ['users.suite'],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('client_credentials');

    const pub = await createClient(h, {
      name: 'public',
      kind: 'password',
      public: true,
      scopes: ['users.suite'],
    });
    expect(pub.secret).toBeUndefined();
    const patch = await h.admin('PATCH', `/auth/oauth2/clients/${pub.id}`, {
      grantTypes: ['password', 'client_credentials'],
    });
    expect(patch.status).toBe(400);
    // A registration made before this rule (the grant written straight into the row):
    await h.db.query(
      `UPDATE oauth_clients SET grant_types = '["password","client_credentials"]' WHERE id = $1`,
      [pub.id],
    );
    const res = await postForm(tokenUrl, { grant_type: 'client_credentials', client_id: pub.id });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unauthorized_client' });
  });

  it('records a client PATCH (who, what changed) and ends tokens carrying a scope taken away', async () => {
    const c = await createClient(h, {
      name: 'svc',
      kind: 'service',
      scopes: ['audit.read', 'users.suite'],
    });
    secrets.push(c.secret!);
    const issued = (await (
      await postForm(
        tokenUrl,
        { grant_type: 'client_credentials' },
        { authorization: basic(c.id, c.secret!) },
      )
    ).json()) as { access_token: string };
    const patch = await h.admin('PATCH', `/auth/oauth2/clients/${c.id}`, {
      name: 'svc 2',
      scopes: ['users.suite'],
    });
    expect(patch.status).toBe(200);
    const [updated] = (await h.events('client.updated')).filter((e) => e.subject === c.id);
    expect(updated?.data).toMatchObject({
      clientId: c.id,
      name: 'svc 2',
      scopes: ['users.suite'],
      changes: ['name', 'scopes'],
      removedScopes: ['audit.read'],
      actorClient: ADMIN_CLIENT.id,
      ip: '127.0.0.1',
    });
    const intro = await postForm(
      `${h.base}/auth/oauth2/introspect`,
      { token: issued.access_token },
      { authorization: basic(c.id, c.secret!) },
    );
    expect(await intro.json()).toEqual({ active: false });
  });

  it('records customer creation, identifier mapping and signing-key rotation, with the actor', async () => {
    const customer = (await (
      await h.admin('POST', '/auth/oauth2/customers', { name: 'Prefeitura' })
    ).json()) as { customer_id: string; customer_token: string };
    secrets.push(customer.customer_token);
    expect(
      (await h.events('customer.created')).find((e) => e.subject === customer.customer_id)?.data,
    ).toMatchObject({
      customerId: customer.customer_id,
      name: 'Prefeitura',
      actorClient: ADMIN_CLIENT.id,
    });

    const sso = await createClient(h, {
      name: 'fluig',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
    });
    secrets.push(sso.secret!);
    const mapped = await fetch(
      `${h.base}/${customer.customer_id}/users/identifiers?customerToken=${customer.customer_token}`,
      {
        method: 'POST',
        headers: {
          'x-platform-assertion': await assertionFor('oauth', {
            clientId: sso.id,
            userId: GESTOR.id,
            scopes: [],
          }),
          'content-type': 'application/json',
        },
        body: JSON.stringify([
          { user_login: MARIA.id, client_application_id: sso.id, identifier: 'ext-7' },
        ]),
      },
    );
    expect(mapped.status).toBe(201);
    expect((await h.events('customer.identifier_mapped')).map((e) => e.data)).toEqual([
      expect.objectContaining({
        customerId: customer.customer_id,
        clientApplicationId: sso.id,
        identifier: 'ext-7',
        userLogin: MARIA.id,
        actorUser: GESTOR.id,
        actorClient: sso.id,
      }),
    ]);

    const before = (await (await fetch(`${h.base}/auth/oauth2/jwks`)).json()) as {
      keys: { kid: string }[];
    };
    const rotated = (await (await h.admin('POST', '/auth/oauth2/keys/rotate')).json()) as {
      kid: string;
    };
    expect(
      (await h.events('signing_key.rotated')).find((e) => e.subject === rotated.kid)?.data,
    ).toMatchObject({
      kid: rotated.kid,
      previousKid: before.keys[0]?.kid,
      reason: 'requested',
      actorClient: ADMIN_CLIENT.id,
    });
  });

  it('records a wrong customer_token as a failed decision with the source IP (never the token), and throttles that source', async () => {
    const customer = (await (
      await h.admin('POST', '/auth/oauth2/customers', { name: 'Câmara' })
    ).json()) as { customer_id: string; customer_token: string };
    secrets.push(customer.customer_token);
    const sso = await createClient(h, {
      name: 'sso',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
    });
    secrets.push(sso.secret!);
    const wrong = 'wrong-customer-token-0123456789';
    const from = fetchFrom(FROM);
    const form = {
      grant_type: 'custom_sso',
      customer_id: customer.customer_id,
      customer_token: wrong,
      user_identifier: 'x',
    };
    const res = await postForm(tokenUrl, form, { authorization: basic(sso.id, sso.secret!) }, from);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    const headers = {
      'x-platform-assertion': await assertionFor('oauth', {
        clientId: sso.id,
        userId: GESTOR.id,
        scopes: [],
      }),
      'content-type': 'application/json',
    };
    const body = JSON.stringify([
      { user_login: MARIA.id, client_application_id: sso.id, identifier: 'ext-8' },
    ]);
    const path = `${h.base}/${customer.customer_id}/users/identifiers?customerToken=${wrong}`;
    expect((await from(path, { method: 'POST', headers, body })).status).toBe(403);

    const denied = (await h.events('security.decision')).filter(
      (e) => e.data['action'] === 'oauth.customer_authentication',
    );
    expect(denied.map((e) => e.data)).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        actorClient: sso.id,
        ip: FROM,
        target: customer.customer_id,
        reason: 'bad customer token',
      }),
      expect.objectContaining({
        outcome: 'failed',
        actorClient: sso.id,
        actorUser: GESTOR.id,
        ip: FROM,
        target: customer.customer_id,
      }),
    ]);
    expect(JSON.stringify(denied)).not.toContain(wrong);

    for (let i = 2; i < 20; i++)
      await postForm(tokenUrl, form, { authorization: basic(sso.id, sso.secret!) }, from);
    const locked = await from(path, { method: 'POST', headers, body });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.headers.get('content-type')).toContain('application/problem+json');
  });

  it('records grants refused on their merits, a bad SSO key, and a wrong password once', async () => {
    const web = await createClient(h, {
      name: 'web',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
    });
    secrets.push(web.secret!);
    const refresh = await postForm(
      tokenUrl,
      { grant_type: 'refresh_token', refresh_token: 'not-a-refresh-token' },
      { authorization: basic(web.id, web.secret!) },
    );
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    const sso = await fetch(`${h.base}/servicelogin/sso?key=00000000-0000-4000-8000-000000000000`);
    expect(sso.status).toBe(400);
    const internal = await createClient(h, {
      name: 'internal',
      kind: 'password',
      scopes: ['users.suite'],
    });
    secrets.push(internal.secret!);
    await postForm(
      tokenUrl,
      { grant_type: 'password', username: MARIA.id, password: 'wrong-password' },
      { authorization: basic(internal.id, internal.secret!) },
    );

    const decisions = (await h.events('security.decision')).map((e) => e.data);
    expect(decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'oauth.token.refresh_token',
          outcome: 'failed',
          actorClient: web.id,
          reason: expect.stringContaining('invalid_grant'),
        }),
        expect.objectContaining({ action: 'oauth.sso_login', outcome: 'failed', ip: '127.0.0.1' }),
        expect.objectContaining({
          action: 'oauth.login',
          actorUser: MARIA.id,
          actorClient: internal.id,
        }),
      ]),
    );
    expect(decisions.filter((d) => d['action'] === 'oauth.token.password')).toEqual([]);
  });

  it('never puts a secret (client secret, customer token) into an event payload', async () => {
    expect(secrets.length).toBeGreaterThan(4);
    const all = JSON.stringify(await h.events());
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});
