import * as testKit from '@platform/testing';
import { AccessTokens } from '../tokens/access-token';
import { Browser, pkcePair } from './browser';
import { ADMIN_CLIENT, basic, createClient, OauthHarness, postForm, startOauth } from './harness';

const REDIRECT = 'https://app.example.test/callback';
const ALICE = { id: 'alice', password: 'correct horse battery staple' };

describe('oauth: RFC error behaviour (black box over HTTP)', () => {
  let h: OauthHarness;
  let server: { id: string; secret?: string };
  let spa: { id: string };
  let tokenUrl: string;

  beforeAll(async () => {
    h = await startOauth('oauth_rfc', [ALICE], testKit);
    tokenUrl = `${h.base}/auth/oauth2/token`;
    server = await createClient(h, {
      name: 'server app',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
      refreshTokens: true,
    });
    spa = await createClient(h, {
      name: 'spa',
      kind: 'browser',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
    });
  });
  afterAll(() => h?.stop());

  /** Runs the browser part of the code flow and returns the code (and the browser). */
  async function authorize(
    clientId: string,
    extra: Record<string, string>,
  ): Promise<{ code: string; location: URL }> {
    const browser = new Browser();
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      state: 'xyz',
      ...extra,
    });
    const first = await browser.get(`${h.base}/auth/oauth2/authorize?${q}`);
    expect(first.status).toBe(302);
    const login = await browser.login(
      h.base,
      first.headers.get('location')!,
      ALICE.id,
      ALICE.password,
    );
    expect(login.status).toBe(303);
    const { location } = await browser.follow(h.base, login.headers.get('location')!);
    const url = new URL(location!);
    return { code: url.searchParams.get('code') ?? '', location: url };
  }

  it('wrong client secret: 401 invalid_client with WWW-Authenticate', async () => {
    const res = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: basic(ADMIN_CLIENT.id, 'wrong') },
    );
    expect(res.status).toBe(401);
    // RFC 7617's Basic challenge has realm (and charset) only: the error is in the body (§5.2).
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="oauth"');
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
    const audit = await h.events('security.decision');
    expect(
      audit.some(
        (e) => e.data['actorClient'] === ADMIN_CLIENT.id && e.data['outcome'] === 'failed',
      ),
    ).toBe(true);
  });

  it('a reused authorization code is invalid_grant and revokes what the first use issued', async () => {
    const { verifier, challenge } = await pkcePair();
    const { code, location } = await authorize(server.id, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('iss')).toBe(h.base);
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    };
    const auth = { authorization: basic(server.id, server.secret!) };
    const first = await postForm(tokenUrl, form, auth);
    expect(first.status).toBe(200);
    const { access_token } = (await first.json()) as { access_token: string };
    const second = await postForm(tokenUrl, form, auth);
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ error: 'invalid_grant' });
    const info = await postForm(`${h.base}/auth/oauth2/introspect`, { token: access_token }, auth);
    expect(await info.json()).toEqual({ active: false });
  });

  it('a wrong PKCE verifier is invalid_grant', async () => {
    const { challenge } = await pkcePair();
    const { code } = await authorize(spa.id, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const other = await pkcePair();
    const res = await postForm(tokenUrl, {
      grant_type: 'authorization_code',
      client_id: spa.id,
      code,
      redirect_uri: REDIRECT,
      code_verifier: other.verifier,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('plain PKCE is refused with invalid_request, redirected to the client', async () => {
    const browser = new Browser();
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: spa.id,
      redirect_uri: REDIRECT,
      state: 's1',
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'plain',
    });
    const res = await browser.get(`${h.base}/auth/oauth2/authorize?${q}`);
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location')!);
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
    expect(url.searchParams.get('error')).toBe('invalid_request');
    expect(url.searchParams.get('state')).toBe('s1');
  });

  it('a public client without PKCE is refused with invalid_request', async () => {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: spa.id,
      redirect_uri: REDIRECT,
    });
    const res = await fetch(`${h.base}/auth/oauth2/authorize?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('an unregistered redirect URI is a 400 page and never a redirect', async () => {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: server.id,
      redirect_uri: 'https://evil.example/cb',
    });
    const res = await fetch(`${h.base}/auth/oauth2/authorize?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('a replayed refresh token is invalid_grant and revokes the whole chain', async () => {
    const { verifier, challenge } = await pkcePair();
    const { code } = await authorize(server.id, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const auth = { authorization: basic(server.id, server.secret!) };
    const t1 = (await (
      await postForm(
        tokenUrl,
        { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
        auth,
      )
    ).json()) as Record<string, string>;
    const r2 = await postForm(
      tokenUrl,
      { grant_type: 'refresh_token', refresh_token: t1['refresh_token']! },
      auth,
    );
    expect(r2.status).toBe(200);
    const t2 = (await r2.json()) as Record<string, string>;
    expect(t2['refresh_token']).not.toBe(t1['refresh_token']);
    const replay = await postForm(
      tokenUrl,
      { grant_type: 'refresh_token', refresh_token: t1['refresh_token']! },
      auth,
    );
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    // The newest refresh token and the access tokens of the chain are dead too.
    const next = await postForm(
      tokenUrl,
      { grant_type: 'refresh_token', refresh_token: t2['refresh_token']! },
      auth,
    );
    expect(await next.json()).toMatchObject({ error: 'invalid_grant' });
    for (const at of [t1['access_token']!, t2['access_token']!]) {
      const info = await postForm(`${h.base}/auth/oauth2/introspect`, { token: at }, auth);
      expect(await info.json()).toEqual({ active: false });
    }
    const revoked = await h.events('token.revoked');
    expect(
      revoked.filter((e) => e.data['reason'] === 'refresh token replayed').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('the password grant for a client that is not of kind password is unauthorized_client', async () => {
    const res = await postForm(
      tokenUrl,
      { grant_type: 'password', username: ALICE.id, password: ALICE.password },
      { authorization: basic(server.id, server.secret!) },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unauthorized_client' });
  });

  it('an expired access token: tokeninfo says expired, introspection says inactive', async () => {
    const minted = await h.app
      .get(AccessTokens)
      .mint({ clientId: ADMIN_CLIENT.id, scope: ['audit.read'], ttlSeconds: -5 });
    const info = await fetch(`${h.base}/auth/oauth2/tokeninfo?access_token=${minted.token}`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({
      expired: true,
      expires_in: 0,
      client_id: ADMIN_CLIENT.id,
    });
    const intro = await postForm(
      `${h.base}/auth/oauth2/introspect`,
      { token: minted.token },
      { authorization: basic(ADMIN_CLIENT.id, ADMIN_CLIENT.secret) },
    );
    expect(await intro.json()).toEqual({ active: false });
  });

  it('unknown grant types, missing grant types and both auth methods are RFC errors', async () => {
    const auth = { authorization: basic(ADMIN_CLIENT.id, ADMIN_CLIENT.secret) };
    expect(await (await postForm(tokenUrl, { grant_type: 'urn:nope' }, auth)).json()).toMatchObject(
      { error: 'unsupported_grant_type' },
    );
    expect(await (await postForm(tokenUrl, {}, auth)).json()).toMatchObject({
      error: 'invalid_request',
    });
    const both = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials', client_secret: 'x' },
      auth,
    );
    expect(await both.json()).toMatchObject({ error: 'invalid_request' });
    const scope = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials', scope: 'not.mine' },
      auth,
    );
    expect(await scope.json()).toMatchObject({ error: 'invalid_scope' });
  });

  // The token route is served outside Nest's router (ADR 0024): what the Nest route did, it does.
  it('token route: no-store on success and error, the input check, the metrics, a rotated secret at once', async () => {
    const machine = await createClient(h, {
      name: 'machine',
      kind: 'service',
      scopes: ['users.suite'],
    });
    const auth = { authorization: basic(machine.id, machine.secret!) };
    const ok = await postForm(tokenUrl, { grant_type: 'client_credentials' }, auth);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('pragma')).toBe('no-cache');
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ok.headers.get('x-request-id')).toBeTruthy();
    expect(await ok.json()).toMatchObject({
      token_type: 'bearer',
      scope: 'users.suite',
      access_token: expect.any(String),
    });

    const nul = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials', scope: 'a\u0000b' },
      auth,
    );
    expect(nul.status).toBe(400);
    expect(nul.headers.get('cache-control')).toBe('no-store');
    expect(await nul.json()).toEqual({
      error: 'invalid_request',
      error_description: expect.stringContaining('scope must not contain NUL'),
    });

    const rotated = await h.admin('POST', `/auth/oauth2/clients/${machine.id}/secret`);
    expect(rotated.status).toBeLessThan(300);
    const { client_secret: fresh } = (await rotated.json()) as { client_secret: string };
    const old = await postForm(tokenUrl, { grant_type: 'client_credentials' }, auth);
    expect(old.status).toBe(401);
    const renewed = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: basic(machine.id, fresh) },
    );
    expect(renewed.status).toBe(200);

    const metrics = await (await fetch(`${h.base}/metrics`)).text();
    const count = (outcome: string): number =>
      Number(
        new RegExp(
          `^oauth_token_requests_total\\{grant_type="client_credentials",outcome="${outcome}"[^}]*\\} (\\d+)$`,
          'm',
        ).exec(metrics)?.[1] ?? 0,
      );
    expect(count('issued')).toBeGreaterThanOrEqual(2);
    expect(count('invalid_request')).toBeGreaterThanOrEqual(1);
    expect(count('invalid_client')).toBeGreaterThanOrEqual(1);
  });
});
