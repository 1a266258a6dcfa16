// Drives the oauth server with openid-client v6 as the relying party (ESM-only, so it runs in its
// own process, spawned by openid-client.e2e-spec.ts and test/platform/oidc-through-gateway.e2e-spec.ts).
// DRIVER_INPUT.flow chooses what it does:
// - "oauth": discovery, client credentials, the authorization code flow with PKCE through the real
//   login form (fetching the page, posting it with its CSRF token and cookie), refresh,
//   introspection and revocation;
// - "oidc": discovery, code + PKCE with `openid` and a nonce, the ID token validated by
//   openid-client (signature against the JWKS, iss, aud, exp, iat, nonce, auth_time with max_age),
//   `at_hash` checked here (openid-client leaves it to the RP in the code flow), userinfo, refresh
//   with a new ID token (OIDC Core §12.2), and RP-initiated logout built by openid-client and
//   followed.
// Prints one JSON line.
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';

const env = JSON.parse(process.env.DRIVER_INPUT);
const issuer = new URL(env.issuer);
const insecure = { execute: [oidc.allowInsecureRequests] }; // the test server is plain http on loopback

/** A browser: keeps cookies, follows nothing by itself. */
const jar = new Map();
async function send(url, init = {}) {
  const headers = { ...(init.headers ?? {}) };
  if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    if (/max-age=0/i.test(c)) jar.delete(pair.slice(0, i));
    else jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return res;
}

/** Follows redirects while they stay on the server; returns the last response and where it points. */
async function followOnServer(res) {
  let location = res.headers.get('location');
  while (location && new URL(location, issuer).origin === issuer.origin) {
    res = await send(new URL(location, issuer).href);
    location = res.headers.get('location');
  }
  return { res, location };
}

/** Opens the authorization URL, signs in through the login form, returns the callback URL. */
async function signIn(authUrl) {
  let res = await send(authUrl.href);
  const loginUrl = new URL(res.headers.get('location'), issuer);
  res = await send(loginUrl.href);
  const html = await res.text();
  const field = (name) =>
    (new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '').replace(/&amp;/g, '&');
  res = await send(new URL('/servicelogin/login', issuer).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: field('_csrf'),
      continue: field('continue'),
      username: env.user.id,
      password: env.user.password,
    }),
  });
  const loginStatus = res.status;
  const { location } = await followOnServer(res);
  return { loginStatus, callback: new URL(location) };
}

const errorOf = (e) => e.error ?? e.code ?? String(e);

async function oauthFlows() {
  const out = {};
  // 1. Discovery + client credentials (client_secret_basic).
  const service = await oidc.discovery(
    issuer,
    env.service.id,
    undefined,
    oidc.ClientSecretBasic(env.service.secret),
    insecure,
  );
  out.discoveredIssuer = service.serverMetadata().issuer;
  const cc = await oidc.clientCredentialsGrant(service, { scope: 'audit.read' });
  out.clientCredentials = { scope: cc.scope, token_type: cc.token_type, expires_in: cc.expires_in };

  // 2. Authorization code + PKCE through the login form (client_secret_post), without openid.
  const web = await oidc.discovery(
    issuer,
    env.web.id,
    undefined,
    oidc.ClientSecretPost(env.web.secret),
    insecure,
  );
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authUrl = oidc.buildAuthorizationUrl(web, {
    redirect_uri: env.redirectUri,
    scope: 'users.suite',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const { loginStatus, callback } = await signIn(authUrl);
  out.loginStatus = loginStatus;
  const tokens = await oidc.authorizationCodeGrant(web, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  out.authorizationCode = {
    scope: tokens.scope,
    hasRefresh: typeof tokens.refresh_token === 'string',
    idToken: tokens.id_token ?? null,
  };

  // 3. Refresh (rotation: a new refresh token comes back).
  const refreshed = await oidc.refreshTokenGrant(web, tokens.refresh_token);
  out.refresh = {
    rotated: refreshed.refresh_token !== tokens.refresh_token,
    scope: refreshed.scope,
  };

  // 4. Introspection, 5. revocation, then introspection again.
  const before = await oidc.tokenIntrospection(web, refreshed.access_token);
  out.introspection = {
    active: before.active,
    sub: before.sub,
    client_id: before.client_id,
    scope: before.scope,
  };
  await oidc.tokenRevocation(web, refreshed.access_token);
  const after = await oidc.tokenIntrospection(web, refreshed.access_token);
  out.afterRevocation = { active: after.active };
  await oidc.tokenRevocation(web, refreshed.refresh_token, { token_type_hint: 'refresh_token' });
  try {
    await oidc.refreshTokenGrant(web, refreshed.refresh_token);
    out.refreshAfterRevocation = 'accepted';
  } catch (e) {
    out.refreshAfterRevocation = errorOf(e);
  }
  return out;
}

/** OIDC Core §3.1.3.6: base64url of the left half of SHA-256 of the access token. */
const atHash = (token) =>
  createHash('sha256').update(token, 'ascii').digest().subarray(0, 16).toString('base64url');

async function openIdFlows() {
  const out = {};
  const rp = await oidc.discovery(
    issuer,
    env.web.id,
    undefined,
    oidc.ClientSecretBasic(env.web.secret),
    insecure,
  );
  const meta = rp.serverMetadata();
  out.discovery = {
    issuer: meta.issuer,
    userinfo: meta.userinfo_endpoint,
    endSession: meta.end_session_endpoint,
    idTokenAlgs: meta.id_token_signing_alg_values_supported,
    openidScope: meta.scopes_supported.includes('openid'),
  };
  // The ID token's signature is checked against jwks_uri (openid-client skips it for ID tokens
  // received over TLS from the token endpoint unless asked: OIDC Core §3.1.3.7 item 6).
  oidc.enableNonRepudiationChecks(rp);

  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const authUrl = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: env.redirectUri,
    scope: 'openid profile email users.suite',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    max_age: '300',
  });
  const { callback } = await signIn(authUrl);
  const tokens = await oidc.authorizationCodeGrant(rp, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    maxAge: 300,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  out.idToken = {
    sub: claims.sub,
    aud: claims.aud,
    nonceEchoed: claims.nonce === nonce,
    atHashMatches: claims.at_hash === atHash(tokens.access_token),
    hasAuthTime: typeof claims.auth_time === 'number',
    hasSid: typeof claims.sid === 'string',
    scope: tokens.scope,
  };
  out.userinfo = await oidc.fetchUserInfo(rp, tokens.access_token, claims.sub);

  // Refresh: a new ID token about the same sign-in, without the nonce (OIDC Core §12.2).
  const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token);
  const again = refreshed.claims();
  out.refresh = {
    sameSubject: again?.sub === claims.sub,
    sameAuthTime: again?.auth_time === claims.auth_time,
    sameSid: again?.sid === claims.sid,
    nonce: again?.nonce ?? null,
    atHashMatches: again?.at_hash === atHash(refreshed.access_token),
  };

  // RP-initiated logout, URL built by openid-client, followed by the browser.
  const logoutUrl = oidc.buildEndSessionUrl(rp, {
    id_token_hint: refreshed.id_token,
    post_logout_redirect_uri: env.postLogoutRedirectUri,
    state: 'bye',
  });
  const res = await send(logoutUrl.href);
  out.logout = { status: res.status, location: res.headers.get('location') };
  // Signed out: the next authorization asks for a sign-in, and the session's tokens are over.
  const next = await send(
    oidc.buildAuthorizationUrl(rp, { redirect_uri: env.redirectUri, scope: 'openid' }).href,
  );
  out.afterLogout = { authorizeGoesTo: new URL(next.headers.get('location'), issuer).pathname };
  try {
    await oidc.refreshTokenGrant(rp, refreshed.refresh_token);
    out.afterLogout.refresh = 'accepted';
  } catch (e) {
    out.afterLogout.refresh = errorOf(e);
  }
  try {
    await oidc.fetchUserInfo(rp, refreshed.access_token, claims.sub);
    out.afterLogout.userinfo = 'answered';
  } catch (e) {
    out.afterLogout.userinfo = e.cause?.[0]?.parameters?.error ?? errorOf(e);
  }
  return out;
}

const out = env.flow === 'oidc' ? await openIdFlows() : await oauthFlows();
process.stdout.write(JSON.stringify(out) + '\n');
