import * as testKit from '@platform/testing';
import { Browser } from './browser';
import { FakeUser } from './fake-users';
import { basic, createClient, OauthHarness, postForm, startOauth } from './harness';
import { IdTokens } from '../tokens/id-token';
import { codeFlow, refresh, TokenAnswer } from './oidc-flow';

const REDIRECT = 'https://rp.example.test/callback';
const SIGNED_OUT = 'https://rp.example.test/signed-out?from=op';
const OTHER_SIGNED_OUT = 'https://other.example.test/bye';
const FLAVIA: FakeUser = { id: 'flavia', password: 'flavia-password-0123' };

/** OIDC RP-Initiated Logout 1.0 at `end_session_endpoint` (/auth/oauth2/logout). */
describe('oauth: OpenID Connect RP-initiated logout', () => {
  let h: OauthHarness;
  let rp: { id: string; secret?: string };
  let other: { id: string; secret?: string };
  const logoutUrl = (params: Record<string, string>): string =>
    `${h.base}/auth/oauth2/logout?${new URLSearchParams(params)}`;
  const signIn = async (scope = 'openid'): Promise<{ browser: Browser; tokens: TokenAnswer }> =>
    codeFlow(h, rp, REDIRECT, { user: FLAVIA, params: { scope } });
  /** Whether the browser still has a session: /authorize answers with a code, not the login page. */
  const stillSignedIn = async (browser: Browser): Promise<boolean> => {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: rp.id,
      redirect_uri: REDIRECT,
    });
    const res = await browser.get(`${h.base}/auth/oauth2/authorize?${q}`);
    return !res.headers.get('location')!.startsWith('/servicelogin/login');
  };
  const active = async (token: string): Promise<boolean> => {
    const res = await postForm(
      `${h.base}/auth/oauth2/introspect`,
      { token },
      { authorization: basic(rp.id, rp.secret!) },
    );
    return ((await res.json()) as { active: boolean }).active;
  };

  beforeAll(async () => {
    h = await startOauth('oauth_oidc_logout', [FLAVIA], testKit);
    const client = (name: string, postLogout: string[]): Record<string, unknown> => ({
      name,
      kind: 'server',
      redirectUris: [REDIRECT],
      postLogoutRedirectUris: postLogout,
      scopes: ['openid', 'users.suite'],
      refreshTokens: true,
    });
    rp = await createClient(h, client('relying party', [SIGNED_OUT]));
    other = await createClient(h, client('another', [OTHER_SIGNED_OUT]));
  });
  afterAll(() => h?.stop());

  it('a hint for this session: signed out at once, to the registered URI with state; the sign-in’s tokens end', async () => {
    const { browser, tokens } = await signIn();
    const plain = await codeFlow(h, rp, REDIRECT, {
      user: FLAVIA,
      browser,
      params: { scope: 'users.suite' },
    });
    const res = await browser.get(
      logoutUrl({
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: SIGNED_OUT,
        state: 'a b',
      }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${SIGNED_OUT}&state=a+b`);
    expect(browser.cookies.has('oauth_session')).toBe(false);
    expect(await stillSignedIn(browser)).toBe(false);
    expect(await active(tokens.access_token)).toBe(false);
    expect(await (await refresh(h, rp, tokens.refresh_token!)).json()).toMatchObject({
      error: 'invalid_grant',
    });
    // A plain OAuth grant of the same session never claimed to be bound to it: it stays.
    expect(await active(plain.tokens.access_token)).toBe(true);
    expect((await refresh(h, rp, plain.tokens.refresh_token!)).status).toBe(200);
  });

  it('without a hint for this session the user is asked; the form (CSRF-checked) signs out', async () => {
    const { browser } = await signIn();
    const old = await signIn(); // another browser's sign-in: its hint names another session
    for (const params of [{ client_id: rp.id }, { id_token_hint: old.tokens.id_token! }] as Record<
      string,
      string
    >[]) {
      const page = await browser.get(
        logoutUrl({ ...params, post_logout_redirect_uri: SIGNED_OUT, state: 's' }),
      );
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/Sign out of the platform\?/);
      expect(await stillSignedIn(browser)).toBe(true);
    }
    const page = await browser.get(
      logoutUrl({ client_id: rp.id, post_logout_redirect_uri: SIGNED_OUT, state: 's' }),
    );
    const html = await page.text();
    const fields = Object.fromEntries(
      [...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [
        m[1],
        m[2]!.replace(/&amp;/g, '&'),
      ]),
    );
    const forged = await browser.postForm(`${h.base}/auth/oauth2/logout`, {
      ...fields,
      _csrf: 'x'.repeat(43),
    });
    expect(forged.status).toBe(403);
    expect(await stillSignedIn(browser)).toBe(true);
    const confirmed = await browser.postForm(`${h.base}/auth/oauth2/logout`, fields);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${SIGNED_OUT}&state=s`);
    expect(await stillSignedIn(browser)).toBe(false);
  });

  it('no session: nothing to end, straight to the registered URI; no URI: a signed-out page', async () => {
    const { tokens } = await signIn();
    const res = await new Browser().get(
      logoutUrl({ id_token_hint: tokens.id_token!, post_logout_redirect_uri: SIGNED_OUT }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(SIGNED_OUT);
    const page = await new Browser().get(logoutUrl({}));
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/You are signed out/);
  });

  it('an expired ID token is still a good hint (§2)', async () => {
    const { browser, tokens } = await signIn();
    const claims = JSON.parse(
      Buffer.from(tokens.id_token!.split('.')[1]!, 'base64url').toString(),
    ) as { sid: string };
    const expired = await h.app.get(IdTokens).mint({
      clientId: rp.id,
      userId: FLAVIA.id,
      signIn: { authTime: new Date(), sid: claims.sid },
      accessToken: tokens.access_token,
      ttlSeconds: -60,
    });
    const res = await browser.get(
      logoutUrl({ id_token_hint: expired, post_logout_redirect_uri: SIGNED_OUT }),
    );
    expect(res.headers.get('location')).toBe(SIGNED_OUT);
    expect(await stillSignedIn(browser)).toBe(false);
  });

  it('never redirects anywhere not registered for that client, and signs nobody out then', async () => {
    const { browser, tokens } = await signIn();
    const hint = tokens.id_token!;
    const refused: Record<string, string>[] = [
      { id_token_hint: hint, post_logout_redirect_uri: OTHER_SIGNED_OUT }, // another client's
      { id_token_hint: hint, post_logout_redirect_uri: REDIRECT }, // a redirect URI, not a logout one
      { id_token_hint: hint, post_logout_redirect_uri: `${SIGNED_OUT}&x=1` },
      {
        id_token_hint: hint,
        post_logout_redirect_uri: 'https://rp.example.test/signed-out?from=op#',
      },
      { id_token_hint: hint, post_logout_redirect_uri: '/\t/evil.example' },
      { id_token_hint: hint, post_logout_redirect_uri: '//evil.example' },
      { post_logout_redirect_uri: SIGNED_OUT }, // no client named
      { client_id: other.id, id_token_hint: hint, post_logout_redirect_uri: OTHER_SIGNED_OUT },
      { client_id: 'nobody', post_logout_redirect_uri: SIGNED_OUT },
      { id_token_hint: `${hint.slice(0, -4)}AAAA` }, // tampered
      { id_token_hint: tokens.access_token }, // an access token is not an ID token
    ];
    for (const params of refused) {
      const res = await browser.get(logoutUrl(params));
      expect({ params, status: res.status, location: res.headers.get('location') }).toEqual({
        params,
        status: 400,
        location: null,
      });
    }
    expect(await stillSignedIn(browser)).toBe(true);
  });

  it('a relying party’s form post is sent again as a GET, which the session cookie rides', async () => {
    const { browser, tokens } = await signIn();
    const params = {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: SIGNED_OUT,
      state: 'p',
    };
    const posted = await new Browser().postForm(`${h.base}/auth/oauth2/logout`, params);
    expect(posted.status).toBe(303);
    const again = posted.headers.get('location')!;
    expect(Object.fromEntries(new URL(again, h.base).searchParams)).toEqual(params);
    const res = await browser.get(new URL(again, h.base).href);
    expect(res.headers.get('location')).toBe(`${SIGNED_OUT}&state=p`);
    expect(await stillSignedIn(browser)).toBe(false);
  });

  it('/servicelogin/logout also ends the OpenID sign-ins’ tokens of the session it ends', async () => {
    const { browser, tokens } = await signIn();
    expect((await browser.get(`${h.base}/servicelogin/logout`)).status).toBe(200);
    expect(await active(tokens.access_token)).toBe(false);
    expect(await (await refresh(h, rp, tokens.refresh_token!)).json()).toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('post-logout redirect URIs are checked like redirect URIs at registration', async () => {
    for (const uri of [
      'https://rp.example.test/x#frag',
      'https://user@rp.example.test/',
      'javascript:alert(1)',
    ]) {
      const res = await h.admin('POST', '/auth/oauth2/clients', {
        name: 'bad',
        kind: 'server',
        redirectUris: [REDIRECT],
        postLogoutRedirectUris: [uri],
        scopes: ['openid'],
      });
      expect({ uri, status: res.status }).toEqual({ uri, status: 400 });
    }
    const patched = await h.admin('PATCH', `/auth/oauth2/clients/${rp.id}`, {
      postLogoutRedirectUris: [SIGNED_OUT, 'https://rp.example.test/later'],
    });
    expect(await patched.json()).toMatchObject({
      postLogoutRedirectUris: [SIGNED_OUT, 'https://rp.example.test/later'],
    });
  });
});
