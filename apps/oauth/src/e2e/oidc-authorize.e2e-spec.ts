import * as testKit from '@platform/testing';
import { decodeJwt } from 'jose';
import { Browser, pkcePair } from './browser';
import { FakeUser } from './fake-users';
import { createClient, OauthHarness, startOauth } from './harness';
import { authorizeIn, codeFlow } from './oidc-flow';

const REDIRECT = 'https://rp.example.test/callback';
const EVA: FakeUser = { id: 'eva', password: 'eva-password-0123' };

/** OIDC Core §3.1.2.1 authorization request parameters: prompt, max_age, and what is refused. */
describe('oauth: OpenID Connect authorization requests', () => {
  let h: OauthHarness;
  let rp: { id: string; secret?: string };
  let challenge: string;
  const request = (extra: Record<string, string>): Record<string, string> => ({
    response_type: 'code',
    client_id: rp.id,
    redirect_uri: REDIRECT,
    scope: 'openid',
    state: 'st',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
  /** A browser signed in (a session, no authorization yet). */
  const signedIn = async (): Promise<Browser> => {
    const browser = new Browser();
    expect((await browser.login(h.base, '/servicelogin/login', EVA.id, EVA.password)).status).toBe(
      200,
    );
    return browser;
  };

  beforeAll(async () => {
    h = await startOauth('oauth_oidc_authorize', [EVA], testKit);
    rp = await createClient(h, {
      name: 'relying party',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['openid', 'users.suite'],
    });
    challenge = (await pkcePair()).challenge;
  });
  afterAll(() => h?.stop());

  it('prompt=none: login_required (state, iss) without a session; a code with one, no page either way', async () => {
    const anonymous = await authorizeIn(h, new Browser(), request({ prompt: 'none' }));
    expect(`${anonymous.origin}${anonymous.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(anonymous.searchParams)).toMatchObject({
      error: 'login_required',
      state: 'st',
      iss: h.base,
    });
    const withSession = await authorizeIn(h, await signedIn(), request({ prompt: 'none' }));
    expect(withSession.searchParams.get('code')).toBeTruthy();
  });

  it('prompt=login and max_age=0 ask for the password again, then resume without asking again', async () => {
    for (const extra of [{ prompt: 'login' }, { max_age: '0' }] as Record<string, string>[]) {
      const browser = await signedIn();
      const first = await browser.get(
        `${h.base}/auth/oauth2/authorize?${new URLSearchParams(request(extra))}`,
      );
      const login = first.headers.get('location')!;
      expect(login).toMatch(/^\/servicelogin\/login\?continue=/);
      const resume = new URL(new URL(login, h.base).searchParams.get('continue')!);
      expect(resume.searchParams.has('prompt') || resume.searchParams.has('max_age')).toBe(false);
      const before = Math.floor(Date.now() / 1000);
      const { tokens } = await codeFlow(h, rp, REDIRECT, {
        user: EVA,
        browser,
        params: { scope: 'openid', ...extra },
      });
      expect(decodeJwt(tokens.id_token!)['auth_time']).toBeGreaterThanOrEqual(before - 1);
    }
  });

  it('a recent enough sign-in satisfies max_age without a page', async () => {
    const browser = await signedIn();
    const callback = await authorizeIn(h, browser, request({ max_age: '3600' }));
    expect(callback.searchParams.get('code')).toBeTruthy();
  });

  it('refuses, redirected with state, what it does not support rather than ignoring it', async () => {
    const browser = await signedIn();
    const cases: [Record<string, string>, string][] = [
      [{ prompt: 'select_account' }, 'account_selection_required'],
      [{ prompt: 'none login' }, 'invalid_request'],
      [{ prompt: 'bogus' }, 'invalid_request'],
      [{ max_age: '-1' }, 'invalid_request'],
      [{ request: 'eyJhbGciOiJub25lIn0.e30.' }, 'request_not_supported'],
      [{ request_uri: 'https://rp.example.test/req' }, 'request_uri_not_supported'],
      [{ registration: '{}' }, 'registration_not_supported'],
      [{ response_mode: 'form_post' }, 'invalid_request'],
      [{ response_mode: 'fragment' }, 'invalid_request'],
      [{ nonce: 'n'.repeat(513) }, 'invalid_request'],
    ];
    for (const [extra, error] of cases) {
      const url = await authorizeIn(h, browser, request(extra));
      expect({
        extra,
        error: url.searchParams.get('error'),
        state: url.searchParams.get('state'),
      }).toEqual({
        extra,
        error,
        state: 'st',
      });
    }
    const queryMode = await authorizeIn(h, browser, request({ response_mode: 'query' }));
    expect(queryMode.searchParams.get('code')).toBeTruthy();
  });

  it('openid requires redirect_uri even when the client registered only one (§3.1.2.1)', async () => {
    const { redirect_uri: _omitted, ...without } = request({});
    const url = await authorizeIn(h, await signedIn(), without);
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
    expect(url.searchParams.get('error')).toBe('invalid_request');
    const plain = await authorizeIn(h, await signedIn(), { ...without, scope: 'users.suite' });
    expect(plain.searchParams.get('code')).toBeTruthy();
  });
});
