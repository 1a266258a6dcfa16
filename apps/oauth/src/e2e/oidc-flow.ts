import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { Browser, pkcePair } from './browser';
import { basic, OauthHarness, postForm } from './harness';

export interface SignedInUser {
  id: string;
  password: string;
}

export interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  refresh_token?: string;
  id_token?: string;
}

/**
 * The browser part of the authorization-code flow: /authorize, the login form when asked (with
 * `user`), redirects on the server; returns where the server finally sent the browser.
 */
export async function authorizeIn(
  h: OauthHarness,
  browser: Browser,
  query: Record<string, string>,
  user?: SignedInUser,
): Promise<URL> {
  const first = await browser.get(`${h.base}/auth/oauth2/authorize?${new URLSearchParams(query)}`);
  let location = first.headers.get('location');
  if (!location) throw new Error(`authorize answered ${first.status} without a redirect`);
  if (location.startsWith('/servicelogin/login')) {
    if (!user) return new URL(location, h.base);
    const login = await browser.login(h.base, location, user.id, user.password);
    const next = login.headers.get('location');
    if (login.status !== 303 || !next) throw new Error(`login answered ${login.status}`);
    location = (await browser.follow(h.base, next)).location ?? '';
  }
  return new URL(location, h.base);
}

/** A confidential client's code flow with PKCE, through to the token response. */
export async function codeFlow(
  h: OauthHarness,
  client: { id: string; secret?: string },
  redirectUri: string,
  opts: { user: SignedInUser; browser?: Browser; params?: Record<string, string> },
): Promise<{ tokens: TokenAnswer; browser: Browser; callback: URL }> {
  const browser = opts.browser ?? new Browser();
  const { verifier, challenge } = await pkcePair();
  const callback = await authorizeIn(
    h,
    browser,
    {
      response_type: 'code',
      client_id: client.id,
      redirect_uri: redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...opts.params,
    },
    opts.user,
  );
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code: ${callback.href}`);
  const res = await postForm(
    `${h.base}/auth/oauth2/token`,
    { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
    { authorization: basic(client.id, client.secret ?? '') },
  );
  if (res.status !== 200) throw new Error(`token endpoint: ${res.status} ${await res.text()}`);
  return { tokens: (await res.json()) as TokenAnswer, browser, callback };
}

export async function refresh(
  h: OauthHarness,
  client: { id: string; secret?: string },
  refreshToken: string,
): Promise<Response> {
  return postForm(
    `${h.base}/auth/oauth2/token`,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    { authorization: basic(client.id, client.secret ?? '') },
  );
}

/** Verifies an ID token as a relying party would: against the published JWKS, this issuer. */
export async function verifyIdToken(
  h: OauthHarness,
  idToken: string,
  audience: string,
): Promise<{ header: ReturnType<typeof decodeProtectedHeader>; claims: JWTPayload }> {
  const jwks = (await (await fetch(`${h.base}/auth/oauth2/jwks`)).json()) as Parameters<
    typeof createLocalJWKSet
  >[0];
  const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), {
    issuer: h.base,
    audience,
  });
  return { header: decodeProtectedHeader(idToken), claims: payload };
}

export async function userinfo(
  h: OauthHarness,
  init: { token?: string; method?: 'GET' | 'POST'; form?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = init.token
    ? { authorization: `Bearer ${init.token}` }
    : {};
  if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  return fetch(`${h.base}/auth/oauth2/userinfo`, {
    method: init.method ?? 'GET',
    headers,
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
}
