import * as testKit from '@platform/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { Browser, pkcePair } from './browser';
import { FakeUser } from './fake-users';
import { basic, createClient, OauthHarness, postForm, startOauth } from './harness';
import { authorizeIn, codeFlow, refresh, userinfo } from './oidc-flow';

const REDIRECT = 'https://rp.example.test/callback';
const GIL: FakeUser = {
  id: 'gil',
  password: 'gil-password-0123',
  permissions: ['UserManagement'],
  platformAdmin: true, // so every advertised scope, platform.admin too, can be granted to a user
};
type Client = { id: string; secret?: string };
type Metadata = Record<string, unknown> & Record<`${string}_supported`, string[]>;

/**
 * Discovery tells the truth (OpenID Connect Discovery 1.0, RFC 8414): every capability the
 * document advertises is shown working, and what it does not advertise is refused.
 */
describe('oauth: discovery against behaviour', () => {
  let h: OauthHarness;
  let meta: Metadata;
  let rp: Client;
  let token: string;
  const ok = async (res: Response): Promise<Record<string, string>> => {
    const body = (await res.json()) as Record<string, string>;
    if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  const signedIn = async (): Promise<Browser> => {
    const browser = new Browser();
    await browser.login(h.base, '/servicelogin/login', GIL.id, GIL.password);
    return browser;
  };

  beforeAll(async () => {
    h = await startOauth('oauth_discovery', [GIL], testKit);
    token = `${h.base}/auth/oauth2/token`;
    meta = (await (await fetch(`${h.base}/.well-known/openid-configuration`)).json()) as Metadata;
    rp = await createClient(h, {
      name: 'rp',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: meta.scopes_supported,
      refreshTokens: true,
    });
  });
  afterAll(() => h?.stop());

  it('one document at both well-known paths; every endpoint is on the issuer and answers', async () => {
    expect(await (await fetch(`${h.base}/.well-known/oauth-authorization-server`)).json()).toEqual(
      meta,
    );
    expect(meta['issuer']).toBe(h.base);
    const endpoints = Object.entries(meta).filter(
      ([k]) => k.endsWith('_endpoint') || k === 'jwks_uri',
    );
    expect(endpoints.map(([k]) => k).sort()).toEqual(
      [
        'authorization_endpoint',
        'end_session_endpoint',
        'introspection_endpoint',
        'jwks_uri',
        'revocation_endpoint',
        'token_endpoint',
        'userinfo_endpoint',
      ].sort(),
    );
    // The token, revocation and introspection endpoints take POST only (RFC 6749 §3.2, 7009, 7662).
    const posted = new Set(['token_endpoint', 'revocation_endpoint', 'introspection_endpoint']);
    for (const [name, url] of endpoints) {
      expect(String(url).startsWith(`${h.base}/`)).toBe(true);
      const init: RequestInit = posted.has(name)
        ? {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: '',
          }
        : {};
      const status = (await fetch(String(url), { ...init, redirect: 'manual' })).status;
      expect({ name, answers: status !== 404 && status < 500 }).toEqual({ name, answers: true });
    }
  });

  it('each advertised grant type issues a token to a client allowed it; nothing else is accepted', async () => {
    const svc = await createClient(h, { name: 'svc', kind: 'service', scopes: ['audit.read'] });
    const pw = await createClient(h, { name: 'pw', kind: 'password', scopes: ['users.suite'] });
    const spa = await createClient(h, {
      name: 'spa',
      kind: 'browser',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
      grantTypes: ['implicit'],
    });
    const customer = await ok(await h.admin('POST', '/auth/oauth2/customers', { name: 'c' }));
    const proofs: Record<string, () => Promise<string | undefined>> = {
      client_credentials: async () =>
        (
          await ok(
            await postForm(
              token,
              { grant_type: 'client_credentials' },
              { authorization: basic(svc.id, svc.secret!) },
            ),
          )
        )['access_token'],
      authorization_code: async () =>
        (await codeFlow(h, rp, REDIRECT, { user: GIL })).tokens.access_token,
      refresh_token: async () => {
        const { tokens } = await codeFlow(h, rp, REDIRECT, { user: GIL });
        return (await ok(await refresh(h, rp, tokens.refresh_token!)))['access_token'];
      },
      password: async () =>
        (
          await ok(
            await postForm(
              token,
              { grant_type: 'password', username: GIL.id, password: GIL.password },
              { authorization: basic(pw.id, pw.secret!) },
            ),
          )
        )['access_token'],
      implicit: async () => {
        const url = await authorizeIn(h, await signedIn(), {
          response_type: 'token',
          client_id: spa.id,
          redirect_uri: REDIRECT,
        });
        return new URLSearchParams(url.hash.slice(1)).get('access_token') ?? undefined;
      },
      custom_sso: async () => {
        const assertion = await testKit.assertionFor('oauth', {
          clientId: rp.id,
          userId: GIL.id,
          scopes: [],
        });
        const mapped = await fetch(
          `${h.base}/${customer['customer_id']}/users/identifiers?customerToken=${customer['customer_token']}`,
          {
            method: 'POST',
            headers: { 'x-platform-assertion': assertion, 'content-type': 'application/json' },
            body: JSON.stringify([
              { user_login: GIL.id, client_application_id: rp.id, identifier: 'ext-1' },
            ]),
          },
        );
        expect(mapped.status).toBe(201);
        const form = {
          grant_type: 'custom_sso',
          customer_id: customer['customer_id']!,
          customer_token: customer['customer_token']!,
          user_identifier: 'ext-1',
        };
        return (await ok(await postForm(token, form, { authorization: basic(rp.id, rp.secret!) })))[
          'access_token'
        ];
      },
    };
    expect(Object.keys(proofs).sort()).toEqual([...meta.grant_types_supported].sort());
    for (const [grant, prove] of Object.entries(proofs)) {
      expect({ grant, token: typeof (await prove()) }).toEqual({ grant, token: 'string' });
    }
    const unadvertised = [
      'urn:ietf:params:oauth:grant-type:device_code',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
      'urn:ietf:params:oauth:grant-type:token-exchange',
      'urn:openid:params:grant-type:ciba',
    ];
    for (const grant of unadvertised) {
      const res = await postForm(
        token,
        { grant_type: grant },
        { authorization: basic(rp.id, rp.secret!) },
      );
      expect({ grant, body: await res.json() }).toMatchObject({
        grant,
        body: { error: 'unsupported_grant_type' },
      });
    }
  });

  it('each advertised response type and mode works; id_token, hybrid and other modes are refused', async () => {
    expect(meta.response_types_supported).toEqual(['code', 'token']);
    expect(meta.response_modes_supported).toEqual(['query', 'fragment']);
    const spa = await createClient(h, {
      name: 'spa2',
      kind: 'browser',
      redirectUris: [REDIRECT],
      scopes: ['openid'],
      grantTypes: ['authorization_code', 'implicit'],
    });
    const { challenge } = await pkcePair();
    const base = {
      client_id: spa.id,
      redirect_uri: REDIRECT,
      scope: 'openid',
      nonce: 'n',
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    const browser = await signedIn();
    const code = await authorizeIn(h, browser, {
      ...base,
      response_type: 'code',
      response_mode: 'query',
    });
    expect(code.searchParams.get('code')).toBeTruthy();
    const implicit = await authorizeIn(h, browser, {
      ...base,
      response_type: 'token',
      response_mode: 'fragment',
    });
    expect(new URLSearchParams(implicit.hash.slice(1)).get('access_token')).toBeTruthy();
    for (const type of [
      'id_token',
      'id_token token',
      'code id_token',
      'code token',
      'code id_token token',
      'none',
    ]) {
      const url = await authorizeIn(h, browser, { ...base, response_type: type });
      expect({ type, error: url.searchParams.get('error') }).toEqual({
        type,
        error: 'unsupported_response_type',
      });
    }
    const formPost = await authorizeIn(h, browser, {
      ...base,
      response_type: 'code',
      response_mode: 'form_post',
    });
    expect(formPost.searchParams.get('error')).toBe('invalid_request');
  });

  it('client authentication: advertised methods work at each endpoint, unadvertised ones do not', async () => {
    expect(meta.token_endpoint_auth_methods_supported).toEqual([
      'client_secret_basic',
      'client_secret_post',
      'none',
    ]);
    const svc = await createClient(h, { name: 'svc2', kind: 'service', scopes: ['audit.read'] });
    const cc = { grant_type: 'client_credentials' };
    const viaBasic = await ok(
      await postForm(token, cc, { authorization: basic(svc.id, svc.secret!) }),
    );
    await ok(await postForm(token, { ...cc, client_id: svc.id, client_secret: svc.secret! }));
    const pub = await createClient(h, {
      name: 'public',
      kind: 'browser',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
    });
    const { verifier, challenge } = await pkcePair();
    const url = await authorizeIn(h, await signedIn(), {
      response_type: 'code',
      client_id: pub.id,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const redeem = {
      grant_type: 'authorization_code',
      client_id: pub.id,
      code: url.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    };
    const viaNone = await ok(await postForm(token, redeem));
    const jwtAuth = {
      ...cc,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: 'eyJhbGciOiJIUzI1NiJ9.e30.x',
    };
    expect((await postForm(token, jwtAuth)).status).toBe(401);

    const introspect = `${h.base}/auth/oauth2/introspect`;
    expect(meta.introspection_endpoint_auth_methods_supported).toEqual([
      'client_secret_basic',
      'client_secret_post',
    ]);
    expect(
      await ok(
        await postForm(
          introspect,
          { token: viaBasic['access_token']! },
          { authorization: basic(svc.id, svc.secret!) },
        ),
      ),
    ).toMatchObject({ active: true });
    expect(
      await ok(
        await postForm(introspect, {
          token: viaBasic['access_token']!,
          client_id: svc.id,
          client_secret: svc.secret!,
        }),
      ),
    ).toMatchObject({ active: true });
    expect(
      (await postForm(introspect, { token: viaNone['access_token']!, client_id: pub.id })).status,
    ).toBe(401);

    expect(meta.revocation_endpoint_auth_methods_supported).toEqual([
      'client_secret_basic',
      'client_secret_post',
      'none',
    ]);
    expect(
      (
        await postForm(`${h.base}/auth/oauth2/revoke`, {
          token: viaNone['access_token']!,
          client_id: pub.id,
        })
      ).status,
    ).toBe(200);
  });

  it('PKCE: S256 as advertised; plain refused', async () => {
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    const { challenge } = await pkcePair();
    const q = {
      response_type: 'code',
      client_id: rp.id,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
    };
    const browser = await signedIn();
    expect(
      (await authorizeIn(h, browser, { ...q, code_challenge_method: 'S256' })).searchParams.get(
        'code',
      ),
    ).toBeTruthy();
    expect(
      (await authorizeIn(h, browser, { ...q, code_challenge_method: 'plain' })).searchParams.get(
        'error',
      ),
    ).toBe('invalid_request');
  });

  it('OpenID: each advertised scope is granted; the ID token alg and subject type; claims_supported is exactly what is stated', async () => {
    const all = meta.scopes_supported.join(' ');
    const { tokens } = await codeFlow(h, rp, REDIRECT, {
      user: GIL,
      params: { scope: all, nonce: 'n' },
    });
    expect(tokens.scope.split(' ').sort()).toEqual([...meta.scopes_supported].sort());
    const header = decodeProtectedHeader(tokens.id_token!);
    expect(meta.id_token_signing_alg_values_supported).toEqual([header.alg]);
    const jwks = (await (await fetch(String(meta['jwks_uri']))).json()) as {
      keys: { kid: string; alg: string }[];
    };
    expect(jwks.keys.find((k) => k.kid === header.kid)?.alg).toBe(header.alg);
    // public subject: the same `sub` for every client.
    const other = await createClient(h, {
      name: 'rp2',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes: ['openid'],
    });
    const elsewhere = await codeFlow(h, other, REDIRECT, {
      user: GIL,
      params: { scope: 'openid' },
    });
    expect(meta.subject_types_supported).toEqual(['public']);
    expect(decodeJwt(elsewhere.tokens.id_token!).sub).toBe(decodeJwt(tokens.id_token!).sub);
    const info = (await (await userinfo(h, { token: tokens.access_token })).json()) as object;
    const stated = new Set([...Object.keys(decodeJwt(tokens.id_token!)), ...Object.keys(info)]);
    expect([...stated].sort()).toEqual([...meta.claims_supported].sort());
  });

  it('unsupported request features are stated false and refused; prompt values are honoured', async () => {
    expect(meta).toMatchObject({
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
      claims_parameter_supported: false,
    });
    const { challenge } = await pkcePair();
    const q = {
      response_type: 'code',
      client_id: rp.id,
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    const browser = await signedIn();
    expect(
      (await authorizeIn(h, browser, { ...q, request: 'x.y.z' })).searchParams.get('error'),
    ).toBe('request_not_supported');
    expect(
      (await authorizeIn(h, browser, { ...q, request_uri: 'https://x/r' })).searchParams.get(
        'error',
      ),
    ).toBe('request_uri_not_supported');
    expect(meta.prompt_values_supported).toEqual(['none', 'login', 'consent']);
    const outcomes = {
      none: (await authorizeIn(h, new Browser(), { ...q, prompt: 'none' })).searchParams.get(
        'error',
      ),
      login: (await authorizeIn(h, browser, { ...q, prompt: 'login' })).pathname,
      consent: (await authorizeIn(h, browser, { ...q, prompt: 'consent' })).searchParams.has(
        'code',
      ),
    };
    expect(outcomes).toEqual({
      none: 'login_required',
      login: '/servicelogin/login',
      consent: true,
    });
  });

  it('authorization_response_iss_parameter_supported: iss in code, token and error responses', async () => {
    expect(meta['authorization_response_iss_parameter_supported']).toBe(true);
    const spa = await createClient(h, {
      name: 'spa3',
      kind: 'browser',
      redirectUris: [REDIRECT],
      scopes: ['users.suite'],
      grantTypes: ['authorization_code', 'implicit'],
    });
    const { challenge } = await pkcePair();
    const browser = await signedIn();
    const base = { client_id: spa.id, redirect_uri: REDIRECT };
    const code = await authorizeIn(h, browser, {
      ...base,
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const implicit = await authorizeIn(h, browser, { ...base, response_type: 'token' });
    const error = await authorizeIn(h, browser, { ...base, response_type: 'code' }); // no PKCE
    expect([
      code.searchParams.get('iss'),
      new URLSearchParams(implicit.hash.slice(1)).get('iss'),
      error.searchParams.get('iss'),
    ]).toEqual([h.base, h.base, h.base]);
  });
});
