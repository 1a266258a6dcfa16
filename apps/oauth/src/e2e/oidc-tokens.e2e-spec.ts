import * as testKit from '@platform/testing';
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { Browser } from './browser';
import { FakeUser } from './fake-users';
import { basic, createClient, OauthHarness, postForm, startOauth } from './harness';
import { codeFlow, refresh, userinfo, verifyIdToken } from './oidc-flow';

const REDIRECT = 'https://rp.example.test/callback';
const BIA: FakeUser = { id: 'bia', password: 'bia-password-0123', name: 'Beatriz Lima' };
const OIDC_SCOPES = ['openid', 'profile', 'email', 'users.suite'];

const atHash = (token: string): string =>
  createHash('sha256').update(token).digest().subarray(0, 16).toString('base64url');

/** OpenID Connect Core: the ID token of the code flow and of refresh, and where none is issued. */
describe('oauth: OpenID Connect ID tokens', () => {
  let h: OauthHarness;
  let rp: { id: string; secret?: string };

  beforeAll(async () => {
    h = await startOauth('oauth_oidc_tokens', [BIA], testKit);
    rp = await createClient(h, {
      name: 'relying party',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: OIDC_SCOPES,
      refreshTokens: true,
      accessTokenTtl: 600,
    });
  });
  afterAll(() => h?.stop());

  it('code flow with openid: an ID token signed with the JWKS keys, with every claim OIDC Core §2 asks for', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { tokens } = await codeFlow(h, rp, REDIRECT, {
      user: BIA,
      params: { scope: 'openid users.suite', nonce: 'n-0S6_WzA2Mj', state: 's' },
    });
    expect(tokens.scope).toBe('openid users.suite');
    const { header, claims } = await verifyIdToken(h, tokens.id_token!, rp.id);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(Object.keys(claims).sort()).toEqual(
      ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'at_hash', 'sid'].sort(),
    );
    expect(claims).toMatchObject({
      iss: h.base,
      sub: BIA.id,
      aud: rp.id,
      nonce: 'n-0S6_WzA2Mj',
      at_hash: atHash(tokens.access_token),
    });
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(claims['auth_time']).toBeGreaterThanOrEqual(before - 1);
    expect(claims['auth_time']).toBeLessThanOrEqual(claims.iat!);
    expect(claims['sid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('no nonce asked, none in the ID token; no openid asked, no ID token at all', async () => {
    const withoutNonce = await codeFlow(h, rp, REDIRECT, {
      user: BIA,
      params: { scope: 'openid' },
    });
    expect(decodeJwt(withoutNonce.tokens.id_token!)).not.toHaveProperty('nonce');
    const plain = await codeFlow(h, rp, REDIRECT, { user: BIA, params: { scope: 'users.suite' } });
    expect(plain.tokens).not.toHaveProperty('id_token');
  });

  it('refresh of an OpenID grant: a new ID token about the same sign-in, without the nonce (§12.2)', async () => {
    const { tokens } = await codeFlow(h, rp, REDIRECT, {
      user: BIA,
      params: { scope: 'openid profile', nonce: 'first' },
    });
    const first = decodeJwt(tokens.id_token!);
    const res = await refresh(h, rp, tokens.refresh_token!);
    expect(res.status).toBe(200);
    const again = (await res.json()) as { access_token: string; id_token: string; scope: string };
    expect(again.scope).toBe('openid profile');
    const { claims } = await verifyIdToken(h, again.id_token, rp.id);
    expect(claims).not.toHaveProperty('nonce');
    expect(claims).toMatchObject({
      sub: first.sub,
      aud: first.aud,
      auth_time: first['auth_time'],
      sid: first['sid'],
      at_hash: atHash(again.access_token),
    });
  });

  it('a client that lost openid refreshes without an ID token', async () => {
    const c = await createClient(h, {
      name: 'loses openid',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['openid', 'users.suite'],
      refreshTokens: true,
    });
    const { tokens } = await codeFlow(h, c, REDIRECT, {
      user: BIA,
      params: { scope: 'openid users.suite' },
    });
    expect(tokens.id_token).toBeDefined();
    await h.admin('PATCH', `/auth/oauth2/clients/${c.id}`, { scopes: ['users.suite'] });
    const res = await refresh(h, c, tokens.refresh_token!);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ scope: 'users.suite' });
    expect(body).not.toHaveProperty('id_token');
  });

  it('no OpenID sign-in, no openid: client credentials, password grant, POST /auth (003 shape) and implicit', async () => {
    const svc = await createClient(h, {
      name: 'svc',
      kind: 'service',
      scopes: ['openid', 'audit.read'],
    });
    const cc = await postForm(
      `${h.base}/auth/oauth2/token`,
      { grant_type: 'client_credentials', scope: 'openid audit.read' },
      { authorization: basic(svc.id, svc.secret!) },
    );
    const ccBody = (await cc.json()) as Record<string, unknown>;
    expect(ccBody).toMatchObject({ scope: 'audit.read' });
    expect(ccBody).not.toHaveProperty('id_token');

    const pw = await createClient(h, {
      name: 'pw',
      kind: 'password',
      scopes: ['openid', 'users.suite'],
    });
    const grant = {
      grant_type: 'password',
      username: BIA.id,
      password: BIA.password,
      scope: 'openid users.suite',
    };
    const viaToken = await postForm(`${h.base}/auth/oauth2/token`, grant, {
      authorization: basic(pw.id, pw.secret!),
    });
    const tokenBody = (await viaToken.json()) as Record<string, unknown>;
    expect(tokenBody).toMatchObject({ scope: 'users.suite' });
    expect(tokenBody).not.toHaveProperty('id_token');

    const customer = (await (
      await h.admin('POST', '/auth/oauth2/customers', { name: 'c' })
    ).json()) as {
      customer_id: string;
    };
    const legacy = await postForm(`${h.base}/auth`, {
      ...grant,
      client_id: pw.id,
      client_secret: pw.secret!,
      customer_id: customer.customer_id,
    });
    expect(Object.keys((await legacy.json()) as object).sort()).toEqual(
      [
        '.expires',
        '.issued',
        'access_token',
        'client_id',
        'customer_id',
        'expires_in',
        'refresh_token',
        'token_type',
        'user_id',
      ].sort(),
    );

    const spa = await createClient(h, {
      name: 'implicit spa',
      kind: 'browser',
      redirectUris: [REDIRECT],
      scopes: ['openid', 'users.suite'],
      grantTypes: ['implicit'],
    });
    const browser = new Browser();
    await browser.login(h.base, '/servicelogin/login', BIA.id, BIA.password);
    const q = new URLSearchParams({
      response_type: 'token',
      client_id: spa.id,
      redirect_uri: REDIRECT,
      scope: 'openid users.suite',
      state: 'st',
    });
    const res = await browser.get(`${h.base}/auth/oauth2/authorize?${q}`);
    const fragment = new URLSearchParams(new URL(res.headers.get('location')!).hash.slice(1));
    expect(Object.fromEntries(fragment)).toMatchObject({
      scope: 'users.suite',
      state: 'st',
      iss: h.base,
    });
    expect(fragment.has('id_token')).toBe(false);
  });

  it('an ID token is not an access token: tokeninfo, introspection and userinfo refuse it', async () => {
    const { tokens } = await codeFlow(h, rp, REDIRECT, { user: BIA, params: { scope: 'openid' } });
    const idToken = tokens.id_token!;
    expect((await fetch(`${h.base}/auth/oauth2/tokeninfo?access_token=${idToken}`)).status).toBe(
      400,
    );
    const intro = await postForm(
      `${h.base}/auth/oauth2/introspect`,
      { token: idToken },
      { authorization: basic(rp.id, rp.secret!) },
    );
    expect(await intro.json()).toEqual({ active: false });
    const info = await userinfo(h, { token: idToken });
    expect(info.status).toBe(401);
    expect(info.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });
});
