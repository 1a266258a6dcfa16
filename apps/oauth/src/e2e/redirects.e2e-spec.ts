import * as testKit from '@platform/testing';
import { Browser } from './browser';
import { createClient, OauthHarness, startOauth } from './harness';

const REDIRECT = 'https://app.example.test/callback';
const ALICE = { id: 'alice', password: 'alice-password-1' };

/** Where a browser goes with this Location (WHATWG parsing drops tabs and newlines first). */
const goesTo = (location: string | null, base: string): string | undefined =>
  location === null ? undefined : new URL(location, base).origin;

describe('oauth: redirect targets built from input (no open redirect)', () => {
  let h: OauthHarness;

  beforeAll(async () => {
    h = await startOauth('oauth_redirects', [ALICE], testKit);
    await createClient(h, {
      name: 'app',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
    });
  });
  afterAll(() => h?.stop());

  it('logout and login follow `continue` only to the platform or an exactly registered URI, answered as parsed', async () => {
    const hostile = [
      '/\t/evil.example',
      '/\r\n/evil.example',
      '/%09/evil.example',
      '/\\evil.example',
      'https://evil.example/',
    ];
    for (const cont of hostile) {
      const res = await new Browser().get(
        `${h.base}/servicelogin/logout?continue=${encodeURIComponent(cont)}`,
      );
      expect({ cont, status: res.status, location: res.headers.get('location') }).toEqual({
        cont,
        status: 200,
        location: null,
      });
    }
    const path = await new Browser().get(
      `${h.base}/servicelogin/logout?continue=${encodeURIComponent('/a/../docs?x=1')}`,
    );
    expect(path.headers.get('location')).toBe(`${h.base}/docs?x=1`);
    const registered = await new Browser().get(
      `${h.base}/servicelogin/logout?continue=${encodeURIComponent(REDIRECT)}`,
    );
    expect(registered.headers.get('location')).toBe(REDIRECT);
    // Exact match only (RFC 9700 §4.1.3): the registered URI plus a query is another URI.
    const suffixed = await new Browser().get(
      `${h.base}/servicelogin/logout?continue=${encodeURIComponent(`${REDIRECT}?next=//evil.example`)}`,
    );
    expect(suffixed.headers.get('location')).toBeNull();

    const browser = new Browser();
    const page = await browser.get(
      `${h.base}/servicelogin/login?continue=${encodeURIComponent('/\t/evil.example')}`,
    );
    expect(await page.text()).not.toContain('name="continue"');
    const csrf = browser.cookies.get('oauth_csrf') ?? '';
    const login = await browser.postForm(`${h.base}/servicelogin/login`, {
      _csrf: csrf,
      username: ALICE.id,
      password: ALICE.password,
      continue: '/\t/evil.example',
    });
    expect(goesTo(login.headers.get('location'), h.base) ?? h.base).toBe(h.base);
  });

  it('refuses to register a redirect URI with a fragment, user info or a backslash (400 naming the field)', async () => {
    for (const uri of [
      'https://app.example.test/cb#x',
      'https://app.example.test@evil.example/cb',
      'https://app.example.test\\cb',
    ]) {
      const res = await h.admin('POST', '/auth/oauth2/clients', {
        name: 'bad',
        kind: 'server',
        redirectUris: [uri],
        scopes: [],
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('redirectUris');
    }
    const c = await createClient(h, {
      name: 'ok',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: [],
    });
    const patch = await h.admin('PATCH', `/auth/oauth2/clients/${c.id}`, {
      redirectUris: ['https://app.example.test/cb#x'],
    });
    expect(patch.status).toBe(400);
  });
});
