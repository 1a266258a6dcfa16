import * as testKit from '@platform/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { createClient, OauthHarness, startOauth } from './harness';

const REDIRECT = 'http://127.0.0.1:1/callback';
const USER = { id: 'ana', password: 'ana-secret-password' };

/** openid-client v6 is ESM-only: it runs in a child process (openid-client-driver.mjs) against the real server. */
function runDriver(input: unknown): Promise<Record<string, unknown>> {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      [join(__dirname, 'openid-client-driver.mjs')],
      { env: { ...process.env, DRIVER_INPUT: JSON.stringify(input) }, timeout: 30_000 },
      (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stderr}`)) : ok(JSON.parse(stdout) as Record<string, unknown>)),
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
    const web = await createClient(h, { name: 'web', kind: 'server', redirectUris: [REDIRECT], scopes: ['users.suite'], refreshTokens: true });
    const out = await runDriver({ issuer: h.base, service, web, user: USER, redirectUri: REDIRECT });
    expect(out).toEqual({
      discoveredIssuer: h.base,
      clientCredentials: { scope: 'audit.read', token_type: 'bearer', expires_in: 1500 },
      loginStatus: 303,
      authorizationCode: { scope: 'users.suite', hasRefresh: true },
      refresh: { rotated: true, scope: 'users.suite' },
      introspection: { active: true, sub: USER.id, client_id: web.id, scope: 'users.suite' },
      afterRevocation: { active: false },
      refreshAfterRevocation: 'invalid_grant',
    });
  });
});
