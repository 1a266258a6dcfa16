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
 * Open redirects through `continue` (login, logout and `003_*` SSO), as a browser meets them:
 * the whole platform started as `npm start` does, every request sent to the gateway. Whatever
 * `continue` says, the Location the platform answers must lead to the platform itself (or a
 * registered redirect URI) once a browser has parsed it — and browsers drop tabs and newlines
 * from URLs, so `/\t/evil.example` is `//evil.example`, another host.
 */

const BOOTSTRAP = { id: 'e2e-redirects-admin', secret: 'e2e-redirects-secret-0123456789abcdef' };
/** The bootstrap admin user holds UserManagement, which identifier mapping needs (`003_*` §5). */
const ADMIN_USER = { login: 'root.redirects', password: 'root-password-0123456789' };

/** `continue` values an attacker sends in a link (what the query carries, before encoding). */
const HOSTILE = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\\evil.example',
  '/\\\\evil.example',
  '//evil.example',
  '///evil.example',
  'https:evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
];

/** A browser's reading of a Location header: where it would go, if anywhere. */
function destination(location: string | null, base: string): URL | undefined {
  if (location === null) return undefined;
  return new URL(location, base); // WHATWG parsing: tabs and newlines are removed first
}

/** Keeps cookies between requests and never follows redirects (tests look at each one). */
class Browser {
  private readonly jar = new Map<string, string>();

  async get(url: string): Promise<Response> {
    return this.keep(await fetch(url, { headers: this.cookie(), redirect: 'manual' }));
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.keep(
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.cookie() },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      }),
    );
  }

  private cookie(): Record<string, string> {
    const pairs = [...this.jar].map(([k, v]) => `${k}=${v}`);
    return pairs.length > 0 ? { cookie: pairs.join('; ') } : {};
  }

  private keep(res: Response): Response {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }
}

describe('oauth `continue` through the gateway of `npm start` (no open redirects)', () => {
  const dataDir = makeDataDir('platform-redirects-');
  let run: Run;
  let gateway: string;
  let origin: string;
  let admin: string;

  /** Every redirect the platform answers stays on its own origin, whatever `continue` said. */
  function expectNoOpenRedirect(res: Response, hostile: string): void {
    const to = destination(res.headers.get('location'), gateway);
    expect({ hostile, status: res.status, to: to?.origin ?? origin }).toEqual({
      hostile,
      status: res.status,
      to: origin,
    });
    expect(res.status).toBeLessThan(500);
  }

  async function call(
    method: string,
    path: string,
    token: string,
    json?: unknown,
  ): Promise<Response> {
    return fetch(`${gateway}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  }

  beforeAll(
    async () => {
      ({ gateway, run } = await startPlatform(
        dataDir,
        {
          BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
          BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
          BOOTSTRAP_ADMIN_LOGIN: ADMIN_USER.login,
          BOOTSTRAP_ADMIN_PASSWORD: ADMIN_USER.password,
        },
        {
          label: 'oauth redirects',
          // The issuer is the address this suite calls, so "the platform's own origin" is one origin.
          adjust: (env, url) => ({ ...env, PUBLIC_URL: url }),
        },
      ));
      origin = new URL(gateway).origin;
      admin = await clientToken(gateway, BOOTSTRAP, 'platform.admin');
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 10_000,
  );

  afterAll(() => stopPlatform(run, dataDir), 30_000);

  it('logout never redirects off the platform', async () => {
    for (const hostile of HOSTILE) {
      const res = await new Browser().get(
        `${gateway}/servicelogin/logout?continue=${encodeURIComponent(hostile)}`,
      );
      expectNoOpenRedirect(res, hostile);
    }
    // A path on the platform still works, answered as the absolute URL it resolves to.
    const home = await new Browser().get(`${gateway}/servicelogin/logout?continue=%2Fdocs`);
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe(`${origin}/docs`);
  });

  it('login (the form and its POST) never redirects off the platform', async () => {
    for (const hostile of HOSTILE) {
      const browser = new Browser();
      const page = await browser.get(
        `${gateway}/servicelogin/login?continue=${encodeURIComponent(hostile)}`,
      );
      expect(page.status).toBe(200);
      const html = await page.text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
      // The form posts `continue` back as sent, as an attacker's own form would.
      const res = await browser.post(`${gateway}/servicelogin/login`, {
        _csrf: csrf,
        username: ADMIN_USER.login,
        password: ADMIN_USER.password,
        continue: hostile,
      });
      expect(res.status === 303 || res.status === 200).toBe(true);
      expectNoOpenRedirect(res, hostile);
    }
  });

  it('003 SSO: the one-time key never redirects off the platform', async () => {
    const customer = (await (
      await call('POST', '/auth/oauth2/customers', admin, { name: 'Prefeitura (redirects)' })
    ).json()) as { customer_id: string; customer_token: string };
    const created = await call('POST', '/auth/oauth2/clients', admin, {
      name: 'sso (redirects)',
      kind: 'server',
      redirectUris: [`${origin}/cb`],
      scopes: ['users.suite'],
    });
    expect(created.status).toBe(201);
    const sso = (await created.json()) as { client_id: string; client_secret: string };
    const suite = (await (
      await call('POST', '/auth/oauth2/clients', admin, {
        name: 'suite (redirects)',
        kind: 'password',
        scopes: ['users.suite'],
      })
    ).json()) as { client_id: string; client_secret: string };
    const userToken = await tokenRequest(
      gateway,
      { id: suite.client_id, secret: suite.client_secret },
      { grant_type: 'password', username: ADMIN_USER.login, password: ADMIN_USER.password },
    );
    expect(userToken.status).toBe(200);
    const { access_token } = (await userToken.json()) as { access_token: string };
    const mapped = await call(
      'POST',
      `/${customer.customer_id}/users/identifiers?customerToken=${customer.customer_token}`,
      access_token,
      [{ user_login: ADMIN_USER.login, client_application_id: sso.client_id, identifier: 'ext-1' }],
    );
    expect(mapped.status).toBe(201);

    for (const hostile of HOSTILE) {
      // `003_*` §6: the one-time key comes back from `POST /auth`.
      const issued = await fetch(`${gateway}/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'custom_sso',
          client_id: sso.client_id,
          client_secret: sso.client_secret,
          customer_id: customer.customer_id,
          customer_token: customer.customer_token,
          user_identifier: 'ext-1',
        }).toString(),
      });
      expect(issued.status).toBe(200);
      const { key } = (await issued.json()) as { key: string };
      const res = await new Browser().get(
        `${gateway}/servicelogin/sso?key=${key}&continue=${encodeURIComponent(hostile)}`,
      );
      expectNoOpenRedirect(res, hostile);
    }
  });
});
