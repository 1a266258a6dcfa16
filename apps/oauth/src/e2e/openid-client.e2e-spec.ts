import * as testKit from '@platform/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { createClient, OauthHarness, startOauth } from './harness';

const REDIRECT = 'http://127.0.0.1:1/callback';
const POST_LOGOUT = 'http://127.0.0.1:1/signed-out';
const USER = { id: 'ana', password: 'ana-secret-password', name: 'Ana Souza' };

/** openid-client v6 is ESM-only: it runs in a child process (openid-client-driver.mjs) against the real server. */
function runDriver(input: unknown): Promise<Record<string, unknown>> {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      [join(__dirname, 'openid-client-driver.mjs')],
      { env: { ...process.env, DRIVER_INPUT: JSON.stringify(input) }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error
          ? fail(new Error(`${error.message}\n${stderr}`))
          : ok(JSON.parse(stdout) as Record<string, unknown>),
    );
  });
}

describe('oauth: interoperability with openid-client v6', () => {
  let h: OauthHarness;
  beforeAll(async () => {
    h = await startOauth('oauth_oidc', [USER], testKit);
  });
  afterAll(() => h?.stop());

  it('discovers the server and runs client credentials, code + PKCE via the login form, refresh, introspection and revocation', async () => {
    const service = await createClient(h, { name: 'svc', kind: 'service', scopes: ['audit.read'] });
    const web = await createClient(h, {
      name: 'web',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
      refreshTokens: true,
    });
    const out = await runDriver({
      flow: 'oauth',
      issuer: h.base,
      service,
      web,
      user: USER,
      redirectUri: REDIRECT,
    });
    expect(out).toEqual({
      discoveredIssuer: h.base,
      clientCredentials: { scope: 'audit.read', token_type: 'bearer', expires_in: 1500 },
      loginStatus: 303,
      // Without `openid` this is plain OAuth 2.0: no ID token.
      authorizationCode: { scope: 'users.suite', hasRefresh: true, idToken: null },
      refresh: { rotated: true, scope: 'users.suite' },
      introspection: { active: true, sub: USER.id, client_id: web.id, scope: 'users.suite' },
      afterRevocation: { active: false },
      refreshAfterRevocation: 'invalid_grant',
    });
  });

  it('OpenID Connect: discovery, code + PKCE with openid and nonce, ID token, userinfo, refresh with ID token, RP-initiated logout', async () => {
    const rp = await createClient(h, {
      name: 'relying party',
      kind: 'server',
      redirectUris: [REDIRECT],
      postLogoutRedirectUris: [POST_LOGOUT],
      scopes: ['openid', 'profile', 'email', 'users.suite'],
      refreshTokens: true,
    });
    const out = await runDriver({
      flow: 'oidc',
      issuer: h.base,
      web: rp,
      user: USER,
      redirectUri: REDIRECT,
      postLogoutRedirectUri: POST_LOGOUT,
    });
    expect(out).toEqual({
      discovery: {
        issuer: h.base,
        userinfo: `${h.base}/auth/oauth2/userinfo`,
        endSession: `${h.base}/auth/oauth2/logout`,
        idTokenAlgs: ['ES256'],
        openidScope: true,
      },
      idToken: {
        sub: USER.id,
        aud: rp.id,
        nonceEchoed: true,
        atHashMatches: true,
        hasAuthTime: true,
        hasSid: true,
        scope: 'openid profile email users.suite',
      },
      userinfo: {
        sub: USER.id,
        name: USER.name,
        preferred_username: USER.id,
        email: `${USER.id}@example.test`,
      },
      refresh: {
        sameSubject: true,
        sameAuthTime: true,
        sameSid: true,
        nonce: null,
        atHashMatches: true,
      },
      logout: { status: 303, location: `${POST_LOGOUT}?state=bye` },
      afterLogout: {
        authorizeGoesTo: '/servicelogin/login',
        refresh: 'invalid_grant',
        userinfo: 'invalid_token',
      },
    });
  });
});
