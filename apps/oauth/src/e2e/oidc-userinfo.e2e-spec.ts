import * as testKit from '@platform/testing';
import { FakeUser } from './fake-users';
import { basic, createClient, OauthHarness, postForm, startOauth } from './harness';
import { codeFlow, userinfo } from './oidc-flow';

const REDIRECT = 'https://rp.example.test/callback';
const CAIO: FakeUser = { id: 'caio', password: 'caio-password-0123', name: 'Caio Prado' };
const DORA: FakeUser = { id: 'dora', password: 'dora-password-0123', name: 'Dora Reis' };

/** OIDC Core §5.3 UserInfo, and RFC 6750 for its bearer token. */
describe('oauth: OpenID Connect userinfo', () => {
  let h: OauthHarness;
  let rp: { id: string; secret?: string };
  const tokenFor = async (user: FakeUser, scope: string): Promise<string> =>
    (await codeFlow(h, rp, REDIRECT, { user, params: { scope } })).tokens.access_token;

  beforeAll(async () => {
    h = await startOauth('oauth_oidc_userinfo', [CAIO, DORA], testKit);
    rp = await createClient(h, {
      name: 'relying party',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['openid', 'profile', 'email', 'users.suite'],
      refreshTokens: true,
    });
  });
  afterAll(() => h?.stop());

  it('claims by scope: openid alone is sub; profile adds name and preferred_username; email adds email', async () => {
    const cases: [string, Record<string, string>][] = [
      ['openid', { sub: CAIO.id }],
      ['openid profile', { sub: CAIO.id, name: CAIO.name!, preferred_username: CAIO.id }],
      ['openid email', { sub: CAIO.id, email: `${CAIO.id}@example.test` }],
    ];
    for (const [scope, claims] of cases) {
      const res = await userinfo(h, { token: await tokenFor(CAIO, scope) });
      expect({ scope, status: res.status, body: await res.json() }).toEqual({
        scope,
        status: 200,
        body: claims,
      });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('GET and POST with the Authorization header, POST with the access_token form field', async () => {
    const token = await tokenFor(CAIO, 'openid');
    const asked = [
      await userinfo(h, { token }),
      await userinfo(h, { token, method: 'POST' }),
      await userinfo(h, { method: 'POST', form: { access_token: token } }),
    ];
    for (const res of asked) expect(await res.json()).toEqual({ sub: CAIO.id });
  });

  it('RFC 6750 errors: no token 401 without an error code; two ways 400; bad token 401; no openid 403', async () => {
    const none = await userinfo(h);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="oauth"');
    const basicAuth = await fetch(`${h.base}/auth/oauth2/userinfo`, {
      headers: { authorization: basic('x', 'y') },
    });
    expect(basicAuth.status).toBe(401);

    const token = await tokenFor(CAIO, 'openid');
    const twice = await userinfo(h, { token, method: 'POST', form: { access_token: token } });
    expect(twice.status).toBe(400);
    expect(await twice.json()).toMatchObject({ error: 'invalid_request' });

    const forged = await userinfo(h, { token: `${token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="oauth", error="invalid_token"/,
    );

    const noOpenId = await userinfo(h, { token: await tokenFor(CAIO, 'users.suite') });
    expect(noOpenId.status).toBe(403);
    expect(noOpenId.headers.get('www-authenticate')).toMatch(
      /error="insufficient_scope".*scope="openid"/,
    );
    expect(await noOpenId.json()).toMatchObject({ error: 'insufficient_scope' });
  });

  it('a revoked token, a client token and a disabled user get nothing', async () => {
    const revoked = await tokenFor(CAIO, 'openid');
    await postForm(
      `${h.base}/auth/oauth2/revoke`,
      { token: revoked },
      { authorization: basic(rp.id, rp.secret!) },
    );
    expect((await userinfo(h, { token: revoked })).status).toBe(401);

    // A `000_*` client access token of a client holding openid: no user, so no openid in it.
    const svc = await createClient(h, {
      name: 'svc',
      kind: 'service',
      scopes: ['openid', 'audit.read'],
    });
    const issued = (await (
      await h.admin('POST', `/auth/oauth2/clients/${svc.id}/tokens`, {})
    ).json()) as { access_token: string; scope: string };
    expect(issued.scope).toBe('audit.read');
    expect((await userinfo(h, { token: issued.access_token })).status).toBe(403);

    const doraToken = await tokenFor(DORA, 'openid profile');
    expect((await userinfo(h, { token: doraToken })).status).toBe(200);
    DORA.status = 'disabled'; // users says so now; the token itself is not revoked yet
    const res = await userinfo(h, { token: doraToken });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_token' });
  });
});
