import { request as httpRequest } from 'node:http';
import { eventually } from '@platform/testing';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  clientToken,
  makeDataDir,
  type Run,
  tokenRequest,
  startPlatform,
  stopPlatform,
} from './launcher';

/*
 * Hardening items 7, 8 and 9c through the gateway of `npm start` (LOG_LEVEL=info): hostile
 * numbers, NUL bytes and bad encodings are a 400 naming the field, never a 5xx; no token, secret
 * or code a caller sent in a URL shows up in the platform's log output; and a service records a
 * caller at its real address, whatever X-Forwarded-For it forged.
 */

const BOOTSTRAP = { id: 'e2e-hostile-admin', secret: 'e2e-hostile-secret-0123456789abcdef' };
const ADMIN_SCOPES = 'platform.admin users.suite licenses.suite audit.read';
const USERS = '/usuarios/v0.1/api/usuarios';
/** Not the gateway's address: a caller on it is not a trusted proxy (TRUSTED_PROXIES below). */
const CALLER_ADDRESS = '127.0.0.2';

interface Problem {
  status: number;
  detail?: string;
  errors?: { field: string; messages: string[] }[];
}
interface Reply {
  status: number;
  contentType: string;
  body: Problem & Record<string, unknown>;
}

describe('hostile input and secrets in logs, through the gateway of `npm start`', () => {
  const dataDir = makeDataDir('platform-hostile-');
  let run: Run | undefined;
  let gateway: string;
  let oauthPort: string;
  let admin: string;

  async function call(
    method: string,
    path: string,
    body?: { type: string; text: string },
  ): Promise<Reply> {
    const headers: Record<string, string> = { authorization: `Bearer ${admin}` };
    if (body) headers['content-type'] = body.type;
    const res = await fetch(gateway + path, { method, headers, body: body?.text });
    const text = await res.text();
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: JSON.parse(text || 'null') as Reply['body'],
    };
  }
  const json = (value: string) => ({ type: 'application/json', text: value });
  const fields = (r: Reply): string[] => (r.body.errors ?? []).map((e) => e.field);

  /** A failed client authentication at oauth's token endpoint, sent from CALLER_ADDRESS. */
  function failedClientAuth(url: string, clientId: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const body = `grant_type=client_credentials&client_id=${clientId}&client_secret=wrong-secret-value`;
      const req = httpRequest(
        url,
        {
          method: 'POST',
          localAddress: CALLER_ADDRESS,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-for': '6.6.6.6',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  beforeAll(
    async () => {
      let env: NodeJS.ProcessEnv;
      ({ gateway, env, run } = await startPlatform(
        dataDir,
        {
          LOG_LEVEL: 'info',
          BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
          BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
          // The gateway reaches the services from 127.0.0.1; nothing else is a proxy here.
          TRUSTED_PROXIES: '127.0.0.1',
        },
        { label: 'hostile input' },
      ));
      oauthPort = String(env['OAUTH_PORT']);
      admin = await clientToken(gateway, BOOTSTRAP, ADMIN_SCOPES);
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 10_000,
  );

  afterAll(() => stopPlatform(run, dataDir), 30_000);

  it('answers numbers Postgres cannot take with a 400 naming the parameter (item 7)', async () => {
    for (const [path, field] of [
      [`${USERS}?offset=1e21`, 'offset'],
      [`${USERS}?limit=1e400`, 'limit'],
      [`${USERS}?offset=9223372036854775807`, 'offset'],
      ['/audit/v1/events?offset=1e21', 'offset'],
    ]) {
      const res = await call('GET', path);
      expect({ path, status: res.status, fields: fields(res) }).toEqual({
        path,
        status: 400,
        fields: expect.arrayContaining([field]),
      });
      expect(res.contentType).toContain('application/problem+json');
    }
    expect((await call('GET', `${USERS}?offset=0&limit=100`)).status).toBe(200);
  });

  it('answers a NUL byte in a JSON body, a query, a path or a form with a 400 naming it (item 7)', async () => {
    const body = await call(
      'POST',
      USERS,
      json('{"id":"nul.user","name":"a\\u0000b","email":"nul@example.com"}'),
    );
    expect(body).toMatchObject({ status: 400, body: { errors: [{ field: 'name' }] } });

    const key = await call(
      'POST',
      '/licenses/v0.1/api/sistemas',
      json('{"nome":"ok","extra":{"k\\u0000":1}}'),
    );
    expect(key.status).toBe(400);
    expect(fields(key)).toContain('extra.k\\u0000');

    const customer = await call('POST', '/auth/oauth2/customers', json('{"name":"a\\u0000"}'));
    expect(customer).toMatchObject({ status: 400, body: { errors: [{ field: 'name' }] } });

    const query = await call('GET', `${USERS}?filter=${encodeURIComponent("id = 'a\u0000'")}`);
    expect(query).toMatchObject({ status: 400, body: { errors: [{ field: 'filter' }] } });

    const path = await call('GET', `${USERS}/a%00b`);
    expect(path).toMatchObject({ status: 400, body: { errors: [{ field: 'path' }] } });
    expect(path.contentType).toContain('application/problem+json');

    // oauth's form endpoint answers in RFC 6749's shape, naming the field.
    const form = await fetch(`${gateway}/auth/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=a%00b&client_secret=x',
    });
    expect(form.status).toBe(400);
    expect(await form.json()).toEqual({
      error: 'invalid_request',
      error_description: expect.stringContaining('client_id must not contain NUL'),
    });
  });

  it('refuses what Postgres would silently change, bad encodings and repeats, naming them', async () => {
    const surrogate = await call(
      'POST',
      '/licenses/v0.1/api/sistemas',
      json('{"nome":"a\\ud800"}'),
    );
    expect(surrogate).toMatchObject({ status: 400, body: { errors: [{ field: 'nome' }] } });
    const escape = await call('GET', `${USERS}?filter=%FF`);
    expect(escape).toMatchObject({ status: 400, body: { errors: [{ field: 'filter' }] } });
    const badPath = await call('GET', `${USERS}/%ZZ`);
    expect(badPath.status).toBe(400);
    expect(badPath.contentType).toContain('application/problem+json');
    const deep = await call('POST', USERS, json('['.repeat(10_000) + ']'.repeat(10_000)));
    expect(deep.status).toBe(400);
    // A parameter taken as one value, sent twice (RFC 6749 §3.1: "MUST NOT be included more than once").
    const twice = await fetch(`${gateway}/auth/oauth2/tokeninfo?access_token=a&access_token=b`);
    expect(twice.status).toBe(400);
    expect(await twice.json()).toMatchObject({ error: 'invalid_request' });
    expect((await fetch(`${gateway}/servicelogin/sso?key=a&key=b`)).status).toBe(400);
  });

  it('keeps tokens, customer tokens, secrets and SSO keys out of the log output (item 8)', async () => {
    const customer = await call('POST', '/auth/oauth2/customers', json('{"name":"Log probe"}'));
    expect(customer.status).toBe(201);
    const customerToken = customer.body['customer_token'] as string;
    const customerId = customer.body['customer_id'] as string;
    const ssoKey = 'sso-key-that-must-not-be-logged-0123';
    const secretValue = 'form-secret-that-must-not-be-logged';

    expect((await fetch(`${gateway}/auth/oauth2/tokeninfo?access_token=${admin}`)).status).toBe(
      200,
    );
    await fetch(`${gateway}/${customerId}/users/identifiers?customerToken=${customerToken}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: '[]',
    });
    await fetch(`${gateway}/servicelogin/sso?key=${ssoKey}&continue=%2F`, { redirect: 'manual' });
    await tokenRequest(gateway, { id: 'log-probe', secret: 'x' }, { client_secret: secretValue });

    const logged = await eventually(async () => {
      const out = run!.output();
      return out.includes('customerToken=[redacted]') && out.includes('key=[redacted]')
        ? out
        : undefined;
    });
    expect(logged).toContain('access_token=[redacted]');
    for (const secret of [admin, customerToken, ssoKey, secretValue, BOOTSTRAP.secret]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('records a caller at its real address, whatever X-Forwarded-For it sends (item 9)', async () => {
    const direct = `direct-probe-${Date.now()}`;
    const proxied = `gateway-probe-${Date.now()}`;
    expect(await failedClientAuth(`http://127.0.0.1:${oauthPort}/auth/oauth2/token`, direct)).toBe(
      401,
    );
    expect(await failedClientAuth(`${gateway}/auth/oauth2/token`, proxied)).toBe(401);

    const ipOf = (client: string): Promise<string> =>
      eventually(async () => {
        const filter = encodeURIComponent(`actorClient = '${client}'`);
        const page = await call('GET', `/audit/v1/events?filter=${filter}`);
        const [record] = (page.body['content'] as { ip: string | null }[] | undefined) ?? [];
        return record?.ip ?? undefined;
      });
    // Straight to the service: not from a trusted proxy, so the forged header is ignored.
    expect(await ipOf(direct)).toBe(CALLER_ADDRESS);
    // Through the gateway: the gateway's own X-Forwarded-For carries the caller's address.
    expect(await ipOf(proxied)).toBe(CALLER_ADDRESS);
  });
});
