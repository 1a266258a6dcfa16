import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  bootSummary,
  clientToken,
  launch,
  makeDataDir,
  platformEnv,
  root,
  type Run,
  stop,
  untilReady,
} from './launcher';

/*
 * OpenID Connect as a relying party meets it: the whole platform started as `npm start` does,
 * openid-client v6 talking to the gateway only (its issuer is PUBLIC_URL), signing in a user of
 * the real `users` service. userinfo and the end-session endpoint must be reachable through the
 * gateway, and userinfo's bearer token must reach oauth (the gateway routes it without a check).
 */

const BOOTSTRAP = { id: 'e2e-oidc-admin', secret: 'e2e-oidc-secret-0123456789abcdef' };
const LIA = {
  id: 'lia.oidc',
  password: 'lia-password-0123456789',
  name: 'Lia Moreira',
  email: 'lia@example.test',
};
const REDIRECT = 'http://127.0.0.1:1/callback';
const SIGNED_OUT = 'http://127.0.0.1:1/signed-out';
const DRIVER = join(root, 'apps', 'oauth', 'src', 'e2e', 'openid-client-driver.mjs');

/** openid-client v6 is ESM-only: it runs in a child process. */
function runDriver(input: unknown): Promise<Record<string, unknown>> {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      [DRIVER],
      { env: { ...process.env, DRIVER_INPUT: JSON.stringify(input) }, timeout: 60_000 },
      (error, stdout, stderr) =>
        error
          ? fail(new Error(`${error.message}\n${stderr}`))
          : ok(JSON.parse(stdout) as Record<string, unknown>),
    );
  });
}

describe('OpenID Connect through the gateway of `npm start`', () => {
  const dataDir = makeDataDir('platform-oidc-');
  let run: Run;
  let gateway: string;
  let admin: string;
  let rp: { id: string; secret: string };

  async function call(method: string, path: string, json: unknown): Promise<Response> {
    return fetch(`${gateway}${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
  }

  beforeAll(
    async () => {
      const launched = await platformEnv(dataDir, {
        BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
        BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      });
      gateway = launched.gateway;
      run = launch({ ...launched.env, PUBLIC_URL: gateway });
      const readyMs = await untilReady(gateway, run);
      process.stdout.write(
        `oidc: platform ready ${(readyMs / 1000).toFixed(1)} s after the build step [${bootSummary(run)}]\n`,
      );
      admin = await clientToken(gateway, BOOTSTRAP, 'platform.admin users.suite');
      const user = await call('POST', '/usuarios/v0.1/api/usuarios', LIA);
      expect(user.status).toBe(201);
      const created = await call('POST', '/auth/oauth2/clients', {
        name: 'relying party (oidc e2e)',
        kind: 'server',
        redirectUris: [REDIRECT],
        postLogoutRedirectUris: [SIGNED_OUT],
        scopes: ['openid', 'profile', 'email', 'users.suite'],
        refreshTokens: true,
      });
      expect(created.status).toBe(201);
      const body = (await created.json()) as { client_id: string; client_secret: string };
      rp = { id: body.client_id, secret: body.client_secret };
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 20_000,
  );

  afterAll(async () => {
    if (run && run.child.exitCode === null) await stop(run);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('openid-client: discovery, code + PKCE, ID token, userinfo from users, refresh, RP-initiated logout', async () => {
    const out = await runDriver({
      flow: 'oidc',
      issuer: gateway,
      web: rp,
      user: LIA,
      redirectUri: REDIRECT,
      postLogoutRedirectUri: SIGNED_OUT,
    });
    expect(out).toMatchObject({
      discovery: {
        issuer: gateway,
        userinfo: `${gateway}/auth/oauth2/userinfo`,
        endSession: `${gateway}/auth/oauth2/logout`,
      },
      idToken: { sub: LIA.id, aud: rp.id, nonceEchoed: true, atHashMatches: true },
      userinfo: { sub: LIA.id, name: LIA.name, preferred_username: LIA.id, email: LIA.email },
      refresh: { sameSubject: true, sameAuthTime: true, sameSid: true, nonce: null },
      logout: { status: 303, location: `${SIGNED_OUT}?state=bye` },
      afterLogout: {
        authorizeGoesTo: '/servicelogin/login',
        refresh: 'invalid_grant',
        userinfo: 'invalid_token',
      },
    });
  }, 90_000);

  it('userinfo is answered by oauth (its own Bearer challenge), GET and POST', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await fetch(`${gateway}/auth/oauth2/userinfo`, { method });
      expect({
        method,
        status: res.status,
        challenge: res.headers.get('www-authenticate'),
      }).toEqual({
        method,
        status: 401,
        challenge: 'Bearer realm="oauth"',
      });
    }
    const page = await fetch(`${gateway}/auth/oauth2/logout`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/You are signed out/);
  });
});
