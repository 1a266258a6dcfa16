import { randomUUID } from 'node:crypto';
import * as testKit from '@platform/testing';
import { UserDisabledHandler } from '../events/user-disabled.handler';
import { IssuedTokenAudit } from '../tokens/issued-token-audit';
import { Browser, pkcePair } from './browser';
import { basic, createClient, OauthHarness, postForm, startOauth } from './harness';

const { assertionFor } = testKit;
const REDIRECT = 'https://suite.example.test/auth/callback.html';
const MARIA = { id: 'maria', password: 'maria-password-1' };
const GESTOR = { id: 'gestor', password: 'gestor-password-1', permissions: ['UserManagement'] };
const PLAIN = { id: 'joao', password: 'joao-password-1' };

/** The curl examples of seeds 002_* and 003_*, sent with their own field names and shapes. */
describe('oauth: seed flows (002_*, 003_*)', () => {
  let h: OauthHarness;
  let token: string;

  beforeAll(async () => {
    h = await startOauth('oauth_seeds', [MARIA, GESTOR, PLAIN], testKit);
    token = `${h.base}/auth/oauth2/token`;
  });
  afterAll(() => h?.stop());

  it('002 client credentials: scopes=escopo1,escopo2 with client_id/client_secret form fields; tokeninfo by access_token', async () => {
    const c = await createClient(h, {
      name: 'service',
      kind: 'service',
      scopes: ['escopo1', 'escopo2', 'escopo3'],
    });
    const res = await postForm(token, {
      scopes: 'escopo1,escopo2',
      grant_type: 'client_credentials',
      client_id: c.id,
      client_secret: c.secret!,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 1500,
      scope: 'escopo1 escopo2',
    });
    expect(body['refresh_token']).toBeUndefined();
    const info = (await (
      await fetch(`${h.base}/auth/oauth2/tokeninfo?access_token=${String(body['access_token'])}`)
    ).json()) as Record<string, unknown>;
    expect(info).toMatchObject({
      scope: 'escopo1 escopo2',
      client_id: c.id,
      user: null,
      expired: false,
      token_type: 'bearer',
    });
    expect(info['expires_in']).toBeGreaterThan(1490);
    // RFC 9068 shape.
    const [header, payload] = String(body['access_token'])
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
    expect(payload).toMatchObject({
      iss: h.base,
      client_id: c.id,
      sub: c.id,
      scope: 'escopo1 escopo2',
    });
    expect(typeof payload!['jti']).toBe('string');
    // Client-credentials issuance records are batched (≤ 200 ms); flush to see this one now.
    await h.app.get(IssuedTokenAudit).flush();
    expect(
      (await h.events('token.issued')).some(
        (e) => e.data['jti'] === payload!['jti'] && e.subject === c.id,
      ),
    ).toBe(true);
  });

  it('002 authorization code: authorize → login → code, exchanged with client_secret_post and redirect_uri', async () => {
    const c = await createClient(h, {
      name: 'server',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
    });
    const browser = new Browser();
    const first = await browser.get(
      `${h.base}/auth/oauth2/authorize?response_type=code&client_id=${c.id}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=abc`,
    );
    expect(first.headers.get('location')).toMatch(/^\/servicelogin\/login\?continue=/);
    const page = await browser.get(new URL(first.headers.get('location')!, h.base).toString());
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.getSetCookie().join()).toMatch(/oauth_csrf=.*HttpOnly/);
    // A form without the CSRF token is refused.
    expect(
      (
        await browser.postForm(`${h.base}/servicelogin/login`, {
          username: MARIA.id,
          password: MARIA.password,
        })
      ).status,
    ).toBe(403);
    const login = await browser.login(
      h.base,
      first.headers.get('location')!,
      MARIA.id,
      MARIA.password,
    );
    expect(login.headers.getSetCookie().join()).toMatch(
      /oauth_session=.*HttpOnly.*SameSite=Lax|oauth_session=.*SameSite=Lax.*HttpOnly/,
    );
    const { location } = await browser.follow(h.base, login.headers.get('location')!);
    const cb = new URL(location!);
    expect(cb.searchParams.get('state')).toBe('abc');
    const res = await postForm(token, {
      grant_type: 'authorization_code',
      client_id: c.id,
      client_secret: c.secret!,
      code: cb.searchParams.get('code')!,
      redirect_uri: REDIRECT,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body['refresh_token']).toBeDefined();
    const info = (await (
      await fetch(`${h.base}/auth/oauth2/tokeninfo?access_token=${body['access_token']}`)
    ).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ user: MARIA.id, client_id: c.id, scope: 'users.suite' });
  });

  it('002 implicit: response_type=token&scopes=… only for a client that allows it; the token is in the fragment', async () => {
    const legacy = await createClient(h, {
      name: 'legacy spa',
      kind: 'browser',
      redirectUris: [REDIRECT],
      scopes: ['escopo1', 'escopo2'],
      grantTypes: ['implicit'],
    });
    const modern = await createClient(h, {
      name: 'spa',
      kind: 'browser',
      redirectUris: [REDIRECT],
      scopes: ['escopo1'],
    });
    const browser = new Browser();
    await browser.login(h.base, '/servicelogin/login', MARIA.id, MARIA.password);
    const url = (id: string): string =>
      `${h.base}/auth/oauth2/authorize?client_id=${id}&response_type=token&redirect_uri=${encodeURIComponent(REDIRECT)}&scopes=escopo1,escopo2`;
    const ok = new URL((await browser.follow(h.base, url(legacy.id))).location!);
    const frag = new URLSearchParams(ok.hash.slice(1));
    expect(frag.get('token_type')).toBe('bearer');
    expect(frag.get('scope')).toBe('escopo1 escopo2');
    expect(frag.get('access_token')).toBeTruthy();
    expect(ok.search).toBe('');
    const refused = new URL((await browser.follow(h.base, url(modern.id))).location!);
    expect(new URLSearchParams(refused.hash.slice(1)).get('error')).toBe('unauthorized_client');
  });

  it('002 PKCE for a public client: code_verifier without a secret', async () => {
    const c = await createClient(h, {
      name: 'spa',
      kind: 'browser',
      redirectUris: [REDIRECT],
      scopes: ['escopo1'],
    });
    const { verifier, challenge } = await pkcePair();
    const browser = new Browser();
    await browser.login(h.base, '/servicelogin/login', MARIA.id, MARIA.password);
    const { location } = await browser.follow(
      h.base,
      `${h.base}/auth/oauth2/authorize?scope=escopo1&response_type=code&client_id=${c.id}&redirect_uri=${encodeURIComponent(REDIRECT)}&code_challenge_method=S256&code_challenge=${challenge}`,
    );
    const code = new URL(location!).searchParams.get('code')!;
    const res = await postForm(token, {
      grant_type: 'authorization_code',
      client_id: c.id,
      code_verifier: verifier,
      code,
      redirect_uri: REDIRECT,
    });
    expect(res.status).toBe(200);
  });

  it('002 password grant: username, password, scope=escopo1,escopo2, client_id', async () => {
    const c = await createClient(h, {
      name: 'internal',
      kind: 'password',
      public: true,
      scopes: ['escopo1', 'escopo2'],
    });
    const res = await postForm(token, {
      grant_type: 'password',
      username: MARIA.id,
      password: MARIA.password,
      scope: 'escopo1,escopo2',
      client_id: c.id,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ scope: 'escopo1 escopo2', token_type: 'bearer' });
    const bad = await postForm(token, {
      grant_type: 'password',
      username: MARIA.id,
      password: 'nope',
      client_id: c.id,
    });
    expect(await bad.json()).toMatchObject({ error: 'invalid_grant' });
    expect(
      h.users.calls.filter((x) => x.startsWith('POST /internal/v1/credentials/verify')).length,
    ).toBeGreaterThanOrEqual(2);
    // platform.admin only for platform administrators, even through a client that allows it.
    const adminClient = await createClient(h, {
      name: 'internal-admin',
      kind: 'password',
      public: true,
      scopes: ['platform.admin', 'escopo1'],
    });
    const plain = await postForm(token, {
      grant_type: 'password',
      username: MARIA.id,
      password: MARIA.password,
      scope: 'platform.admin escopo1',
      client_id: adminClient.id,
    });
    expect(await plain.json()).toMatchObject({ scope: 'escopo1' });
  });

  it('003 a user token carries the user’s permissions as RFC 9068 entitlements, through every user grant', async () => {
    const claims = (t: string) =>
      JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const pw = await createClient(h, {
      name: 'internal-ent',
      kind: 'password',
      public: true,
      scopes: ['escopo1'],
    });
    const asGestor = (await (
      await postForm(token, {
        grant_type: 'password',
        username: GESTOR.id,
        password: GESTOR.password,
        client_id: pw.id,
      })
    ).json()) as Record<string, string>;
    expect(claims(asGestor['access_token']!)['entitlements']).toEqual(['UserManagement']);
    const asMaria = (await (
      await postForm(token, {
        grant_type: 'password',
        username: MARIA.id,
        password: MARIA.password,
        client_id: pw.id,
      })
    ).json()) as Record<string, string>;
    expect(claims(asMaria['access_token']!)['entitlements']).toBeUndefined();

    // Authorization code (and its refresh): the grant has no user record at hand, users is asked.
    const c = await createClient(h, {
      name: 'server-ent',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
    });
    const browser = new Browser();
    await browser.login(h.base, '/servicelogin/login', GESTOR.id, GESTOR.password);
    const { location } = await browser.follow(
      h.base,
      `${h.base}/auth/oauth2/authorize?response_type=code&client_id=${c.id}&redirect_uri=${encodeURIComponent(REDIRECT)}`,
    );
    const code = new URL(location!).searchParams.get('code')!;
    const auth = { authorization: basic(c.id, c.secret!) };
    const byCode = (await (
      await postForm(
        token,
        { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
        auth,
      )
    ).json()) as Record<string, string>;
    expect(claims(byCode['access_token']!)['entitlements']).toEqual(['UserManagement']);
    const refreshed = (await (
      await postForm(
        token,
        { grant_type: 'refresh_token', refresh_token: byCode['refresh_token']! },
        auth,
      )
    ).json()) as Record<string, string>;
    expect(claims(refreshed['access_token']!)['entitlements']).toEqual(['UserManagement']);
  });

  it('002 logout with continue: ends the session, redirects only to known URLs', async () => {
    const browser = new Browser();
    await browser.login(h.base, '/servicelogin/login', MARIA.id, MARIA.password);
    expect(browser.cookies.has('oauth_session')).toBe(true);
    const cont = `${h.base}/auth/oauth2/authorize?client_id=x&response_type=token`;
    const out = await browser.get(
      `${h.base}/servicelogin/logout?continue=${encodeURIComponent(cont)}`,
    );
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(cont);
    expect(browser.cookies.has('oauth_session')).toBe(false);
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const res = await browser.get(
        `${h.base}/servicelogin/logout?continue=${encodeURIComponent(evil)}`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('location')).toBeNull();
    }
  });

  describe('003_*', () => {
    let customer: { customer_id: string; customer_token: string };
    let sso: { id: string; secret?: string };

    beforeAll(async () => {
      customer = (await (
        await h.admin('POST', '/auth/oauth2/customers', { name: 'Prefeitura' })
      ).json()) as typeof customer;
      sso = await createClient(h, {
        name: 'fluig',
        kind: 'server',
        redirectUris: [REDIRECT],
        scopes: ['users.suite'],
      });
    });

    it('POST /auth grant_type=password with customer_id answers in the 003 shape', async () => {
      const c = await createClient(h, {
        name: 'engage',
        kind: 'password',
        scopes: ['users.suite'],
      });
      const res = await postForm(`${h.base}/auth`, {
        grant_type: 'password',
        username: MARIA.id,
        password: MARIA.password,
        client_id: c.id,
        client_secret: c.secret!,
        customer_id: customer.customer_id,
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        token_type: 'bearer',
        expires_in: 1500,
        client_id: c.id,
        customer_id: customer.customer_id,
        user_id: MARIA.id,
      });
      expect(
        new Date(String(body['.expires'])).getTime() - new Date(String(body['.issued'])).getTime(),
      ).toBe(1500_000);
      expect(String(body['.issued'])).toMatch(/GMT$/);
      const unknown = await postForm(`${h.base}/auth`, {
        grant_type: 'password',
        username: MARIA.id,
        password: MARIA.password,
        client_id: c.id,
        client_secret: c.secret!,
        customer_id: 'nope',
      });
      expect(await unknown.json()).toMatchObject({ error: 'invalid_request' });
    });

    it('identifiers mapping, then custom_sso: token + one-time key that opens a session once', async () => {
      const body = [{ user_login: MARIA.id, client_application_id: sso.id, identifier: 'ext-42' }];
      const asUser = async (userId: string): Promise<Record<string, string>> => ({
        'x-platform-assertion': await assertionFor('oauth', {
          clientId: sso.id,
          userId,
          scopes: [],
        }),
        'content-type': 'application/json',
      });
      const path = `${h.base}/${customer.customer_id}/users/identifiers?customerToken=${customer.customer_token}`;
      const denied = await fetch(path, {
        method: 'POST',
        headers: await asUser(PLAIN.id),
        body: JSON.stringify(body),
      });
      expect(denied.status).toBe(403);
      const wrongToken = await fetch(path.replace(/customerToken=.*/, 'customerToken=bad'), {
        method: 'POST',
        headers: await asUser(GESTOR.id),
        body: JSON.stringify(body),
      });
      expect(wrongToken.status).toBe(403);
      const mapped = await fetch(path, {
        method: 'POST',
        headers: await asUser(GESTOR.id),
        body: JSON.stringify(body),
      });
      expect(mapped.status).toBe(201);
      const clash = await fetch(path, {
        method: 'POST',
        headers: await asUser(GESTOR.id),
        body: JSON.stringify([{ ...body[0], user_login: PLAIN.id }]),
      });
      expect(clash.status).toBe(409);

      const res = await postForm(`${h.base}/auth`, {
        grant_type: 'custom_sso',
        customer_id: customer.customer_id,
        customer_token: customer.customer_token,
        client_id: sso.id,
        client_secret: sso.secret!,
        user_identifier: 'ext-42',
      });
      expect(res.status).toBe(200);
      const answer = (await res.json()) as Record<string, string>;
      expect(answer).toMatchObject({
        client_id: sso.id,
        customer_id: customer.customer_id,
        user_id: MARIA.id,
        token_type: 'bearer',
      });
      expect(answer['key']).toMatch(/^[0-9a-f-]{36}$/);
      const browser = new Browser();
      const first = await browser.get(
        `${h.base}/servicelogin/sso?key=${answer['key']}&continue=${encodeURIComponent(REDIRECT)}`,
      );
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe(REDIRECT);
      expect(browser.cookies.has('oauth_session')).toBe(true);
      const again = await new Browser().get(`${h.base}/servicelogin/sso?key=${answer['key']}`);
      expect(again.status).toBe(400);
      const unknownUser = await postForm(
        token,
        {
          grant_type: 'custom_sso',
          customer_id: customer.customer_id,
          customer_token: customer.customer_token,
          user_identifier: 'nobody',
        },
        { authorization: basic(sso.id, sso.secret!) },
      );
      expect(await unknownUser.json()).toMatchObject({ error: 'invalid_grant' });
    });
  });

  it('admin: secret rotation revokes earlier tokens, new ones work; client tokens; key rotation keeps the previous key', async () => {
    const c = await createClient(h, { name: 'svc', kind: 'service', scopes: ['audit.read'] });
    const get = async (secret: string): Promise<string> =>
      (
        (await (
          await postForm(
            token,
            { grant_type: 'client_credentials' },
            { authorization: basic(c.id, secret) },
          )
        ).json()) as { access_token: string }
      ).access_token;
    const before = await get(c.secret!);
    const rotated = (await (
      await h.admin('POST', `/auth/oauth2/clients/${c.id}/secret`)
    ).json()) as { client_secret: string };
    expect(
      (
        await postForm(
          token,
          { grant_type: 'client_credentials' },
          { authorization: basic(c.id, c.secret!) },
        )
      ).status,
    ).toBe(401);
    const after = await get(rotated.client_secret);
    const active = async (t: string): Promise<boolean> =>
      (
        (await (
          await postForm(
            `${h.base}/auth/oauth2/introspect`,
            { token: t },
            { authorization: basic(c.id, rotated.client_secret) },
          )
        ).json()) as { active: boolean }
      ).active;
    expect(await active(before)).toBe(false);
    expect(await active(after)).toBe(true);
    expect(await h.events('client.secret_rotated')).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject: c.id })]),
    );

    const issued = (await (
      await h.admin('POST', `/auth/oauth2/clients/${c.id}/tokens`, { description: 'erp' })
    ).json()) as { id: string; access_token: string };
    expect(await active(issued.access_token)).toBe(true);
    expect(
      (await h.admin('DELETE', `/auth/oauth2/clients/${c.id}/tokens/${issued.id}`)).status,
    ).toBe(204);
    expect(await active(issued.access_token)).toBe(false);
    expect((await h.events('token.revoked')).some((e) => e.data['jti'] === issued.id)).toBe(true);

    const rotate = await h.admin('POST', '/auth/oauth2/keys/rotate');
    expect(rotate.status).toBe(200);
    const jwks = (await (await fetch(`${h.base}/auth/oauth2/jwks`)).json()) as {
      keys: { kid: string }[];
    };
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys[0]!.kid).toBe(((await rotate.json()) as { kid: string }).kid);
    expect(await active(after)).toBe(true); // signed by the previous key, still verifiable

    expect((await h.admin('DELETE', `/auth/oauth2/clients/${c.id}`)).status).toBe(204);
    expect((await h.events('client.deleted')).some((e) => e.subject === c.id)).toBe(true);
    const noAdmin = await fetch(`${h.base}/auth/oauth2/clients`, {
      headers: { 'x-platform-assertion': await assertionFor('oauth', { scopes: ['users.suite'] }) },
    });
    expect(noAdmin.status).toBe(403);
  });

  it('user.disabled ends the user sessions and refresh tokens and announces token.revoked for the user', async () => {
    const c = await createClient(h, { name: 'internal2', kind: 'password', scopes: ['escopo1'] });
    const t = (await (
      await postForm(
        token,
        { grant_type: 'password', username: PLAIN.id, password: PLAIN.password },
        { authorization: basic(c.id, c.secret!) },
      )
    ).json()) as Record<string, string>;
    const browser = new Browser();
    await browser.login(h.base, '/servicelogin/login', PLAIN.id, PLAIN.password);
    const disabledAt = new Date().toISOString();
    await h.db.transaction((manager) =>
      h.app.get(UserDisabledHandler).handle(
        {
          id: randomUUID(),
          type: 'user.disabled',
          source: '/platform/users',
          time: disabledAt,
          subject: PLAIN.id,
          data: { id: PLAIN.id, disabledAt },
        },
        { manager, attempt: 1 },
      ),
    );
    const refresh = await postForm(
      token,
      { grant_type: 'refresh_token', refresh_token: t['refresh_token']! },
      { authorization: basic(c.id, c.secret!) },
    );
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    const info = await fetch(`${h.base}/auth/oauth2/tokeninfo?access_token=${t['access_token']}`);
    expect(info.status).toBe(400);
    // The browser's session is over: /authorize sends it back to the login page.
    const web = await createClient(h, {
      name: 'web',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['escopo1'],
    });
    const cb = await browser.get(
      `${h.base}/auth/oauth2/authorize?response_type=code&client_id=${web.id}&redirect_uri=${encodeURIComponent(REDIRECT)}`,
    );
    expect(cb.headers.get('location')).toMatch(/^\/servicelogin\/login/);
    const events = await h.events('token.revoked');
    const forUser = events.find((e) => e.data['scope'] === 'user' && e.data['userId'] === PLAIN.id);
    expect(Date.parse(String(forUser?.data['issuedBefore']))).toBeGreaterThanOrEqual(
      Date.parse(disabledAt),
    );
  });

  it('serves RFC 8414 metadata at both well-known paths', async () => {
    for (const p of ['oauth-authorization-server', 'openid-configuration']) {
      const m = (await (await fetch(`${h.base}/.well-known/${p}`)).json()) as Record<
        string,
        unknown
      >;
      expect(m).toMatchObject({
        issuer: h.base,
        token_endpoint: `${h.base}/auth/oauth2/token`,
        code_challenge_methods_supported: ['S256'],
      });
    }
  });
});
