import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
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
  tokenRequest,
  untilReady,
} from './launcher';
import { incompleteness } from './openapi-completeness';
import { ResponseChecker } from './openapi-responses';

/*
 * The composed OpenAPI document of `npm start` — the real one, `GET /docs/openapi.json` — is a
 * valid OpenAPI 3 document, documents every operation completely (success and problem answers,
 * typed fields, the oauth2 scheme with every scope, the problem types), and the platform's live
 * answers fit it: a list, a create, a 404, a 400 with field errors, a 401, a 403, the token
 * endpoint's answer and error.
 */

type Json = Record<string, unknown>;

const BOOTSTRAP = { id: 'openapi-platform-admin', secret: 'openapi-bootstrap-secret-0123456789ab' };
const DOCS_REDIRECT = '/docs/assets/oauth2-redirect.html';

/** @seriousme/openapi-schema-validator is ESM-only: it runs in a child process. */
function validateDocument(doc: Json): Promise<{ valid: boolean; errors?: unknown }> {
  return new Promise((ok, fail) => {
    const child = execFile(
      process.execPath,
      [join(root, 'test', 'platform', 'openapi-validator.mjs')],
      { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? fail(new Error(`${error.message}\n${stderr}`)) : ok(JSON.parse(stdout)),
    );
    child.stdin?.end(JSON.stringify(doc));
  });
}

describe('the composed OpenAPI document of `npm start`', () => {
  const dataDir = makeDataDir('platform-openapi-');
  let run: Run | undefined;
  let gateway: string;
  let doc: Json;
  let checker: ResponseChecker;
  let admin: string;

  /** Calls the gateway; the answer, its parsed body, and what the document says is wrong with it. */
  async function call(
    method: string,
    template: string,
    path: string,
    init: { token?: string; json?: unknown } = {},
  ): Promise<{ res: Response; body: Json; mismatch: string[] }> {
    const headers: Record<string, string> = {};
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${gateway}${path}`, {
      method,
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const body = (await res.json()) as Json;
    return { res, body, mismatch: checker.errors(method, template, res, body) };
  }

  beforeAll(async () => {
    const launched = await platformEnv(dataDir, {
      BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
    });
    gateway = launched.gateway;
    run = launch({ ...launched.env, PUBLIC_URL: gateway });
    const readyMs = await untilReady(gateway, run);
    process.stdout.write(`openapi: ready in ${readyMs} ms [${bootSummary(run)}]\n`);
    const res = await fetch(`${gateway}/docs/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Json;
    checker = new ResponseChecker(doc);
    admin = await clientToken(gateway, BOOTSTRAP, 'platform.admin users.suite webhooks.suite');
  }, BUILD_LIMIT_MS + BOOT_LIMIT_MS);

  afterAll(async () => {
    if (run && run.child.exitCode === null) await stop(run);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is a valid OpenAPI 3 document whose every $ref resolves', async () => {
    expect(await validateDocument(doc)).toEqual({ valid: true });
  });

  it('documents every operation’s answers, every field, the oauth2 scheme and the problem types', () => {
    expect(incompleteness(doc)).toEqual([]);
  });

  it('describes a list, a create, a 404 and a 400 with field errors as they are answered', async () => {
    const users = '/usuarios/v0.1/api/usuarios';
    const list = await call('GET', users, users, { token: admin });
    expect(list.res.status).toBe(200);
    expect(list.mismatch).toEqual([]);
    // The check can fail: a body that is not a page does not fit the list's schema.
    expect(checker.errors('GET', users, list.res, { content: 'not a list' })).not.toEqual([]);

    const user = {
      id: 'ana.openapi',
      name: 'Ana',
      email: 'ana@example.test',
      password: 'pw-0123456789',
    };
    const created = await call('POST', users, users, { token: admin, json: user });
    expect(created.res.status).toBe(201);
    expect(created.mismatch).toEqual([]);

    const missing = await call('GET', `${users}/{id}`, `${users}/no.such.user`, { token: admin });
    expect(missing.res.status).toBe(404);
    expect(missing.body).toMatchObject({ type: 'about:blank', status: 404 });
    expect(missing.mismatch).toEqual([]);

    const bad = await call('POST', users, users, {
      token: admin,
      json: { id: 'bad id!', name: 'x', email: 'not-an-email' },
    });
    expect(bad.res.status).toBe(400);
    expect(bad.body['type']).toBe('/docs/problems/validation');
    const fields = (bad.body['errors'] as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['id', 'email']));
    expect(bad.mismatch).toEqual([]);

    const webhooks = await call('GET', '/api/v1/webhooks', '/api/v1/webhooks', { token: admin });
    expect(webhooks.res.status).toBe(200);
    expect(webhooks.mismatch).toEqual([]);
  });

  it('describes the gateway’s refusals: 401 without a token, 403 without the scope', async () => {
    const audit = '/audit/v1/events';
    const anonymous = await call('GET', audit, audit);
    expect(anonymous.res.status).toBe(401);
    expect(anonymous.mismatch).toEqual([]);

    const usersOnly = await clientToken(gateway, BOOTSTRAP, 'users.suite');
    const forbidden = await call('GET', audit, audit, { token: usersOnly });
    expect(forbidden.res.status).toBe(403);
    expect(forbidden.body['type']).toBe('/docs/problems/insufficient-scope');
    expect(forbidden.mismatch).toEqual([]);

    // A problem's type resolves, against the request's URL, to the page about its kind.
    const page = await fetch(new URL(forbidden.body['type'] as string, `${gateway}${audit}`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('describes a client’s creation and the OAuth endpoints’ answers and RFC 6749 errors', async () => {
    const clients = '/auth/oauth2/clients';
    const created = await call('POST', clients, clients, {
      token: admin,
      json: { name: 'openapi probe', kind: 'service', scopes: ['users.suite'] },
    });
    expect(created.res.status).toBe(201);
    expect(created.mismatch).toEqual([]);

    const token = '/auth/oauth2/token';
    const issued = await tokenRequest(gateway, BOOTSTRAP, {
      grant_type: 'client_credentials',
      scope: 'users.suite',
    });
    expect(issued.status).toBe(200);
    expect(checker.errors('POST', token, issued, await issued.json())).toEqual([]);
    const refused = await tokenRequest(gateway, BOOTSTRAP, { grant_type: 'no_such_grant' });
    expect(refused.status).toBe(400);
    expect(checker.errors('POST', token, refused, await refused.json())).toEqual([]);
    // userinfo without a token: RFC 6750 §3.1's challenge, with no error code.
    const userinfo = '/auth/oauth2/userinfo';
    const anonymous = await call('GET', userinfo, userinfo);
    expect(anonymous.res.status).toBe(401);
    expect(anonymous.mismatch).toEqual([]);
  });

  it('lets the reference sign in with its public client, by authorization code with PKCE only', async () => {
    const challenge = createHash('sha256')
      .update(randomBytes(32).toString('base64url'))
      .digest('base64url');
    const authorize = (pkce: boolean) =>
      fetch(
        `${gateway}/auth/oauth2/authorize?${new URLSearchParams({
          response_type: 'code',
          client_id: 'platform-docs',
          redirect_uri: `${gateway}${DOCS_REDIRECT}`,
          scope: 'users.suite',
          state: 'docs-state',
          ...(pkce ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
        }).toString()}`,
        { redirect: 'manual' },
      );
    // A user signs in (a browser client, not an anonymous one); the token acts for that user only.
    const registered = await fetch(`${gateway}/auth/oauth2/clients/platform-docs`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(await registered.json()).toMatchObject({
      kind: 'browser',
      confidential: false,
      refreshTokens: false,
      grantTypes: ['authorization_code'],
      redirectUris: [`${gateway}${DOCS_REDIRECT}`],
    });
    const withPkce = await authorize(true);
    expect(withPkce.status).toBe(302);
    expect(withPkce.headers.get('location')).toContain('/servicelogin/login');
    const without = await authorize(false);
    expect(without.headers.get('location')).toContain(`${DOCS_REDIRECT}?error=invalid_request`);
  });
});
