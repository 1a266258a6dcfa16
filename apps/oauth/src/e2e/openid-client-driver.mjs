// Drives the oauth server with openid-client v6 (ESM-only, so it runs in its own process, spawned
// by openid-client.e2e-spec.ts). It discovers the server, then runs client credentials, the
// authorization code flow with PKCE through the real login form (fetching the page, posting it
// with its CSRF token and cookie), refresh, introspection and revocation. Prints one JSON line.
import * as oidc from 'openid-client';

const env = JSON.parse(process.env.DRIVER_INPUT);
const issuer = new URL(env.issuer);
const insecure = { execute: [oidc.allowInsecureRequests] }; // the test server is plain http on loopback
const out = {};

// 1. Discovery + client credentials (client_secret_basic).
const service = await oidc.discovery(issuer, env.service.id, undefined, oidc.ClientSecretBasic(env.service.secret), insecure);
out.discoveredIssuer = service.serverMetadata().issuer;
const cc = await oidc.clientCredentialsGrant(service, { scope: 'audit.read' });
out.clientCredentials = { scope: cc.scope, token_type: cc.token_type, expires_in: cc.expires_in };

// 2. Authorization code + PKCE through the login form (client_secret_post).
const web = await oidc.discovery(issuer, env.web.id, undefined, oidc.ClientSecretPost(env.web.secret), insecure);
const verifier = oidc.randomPKCECodeVerifier();
const state = oidc.randomState();
const authUrl = oidc.buildAuthorizationUrl(web, {
  redirect_uri: env.redirectUri,
  scope: 'users.suite',
  code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  state,
});
const jar = new Map();
const send = async (url, init = {}) => {
  const headers = { ...(init.headers ?? {}) };
  if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return res;
};
let res = await send(authUrl.href);
const loginUrl = new URL(res.headers.get('location'), issuer);
res = await send(loginUrl.href);
const html = await res.text();
const field = (name) => (new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '').replace(/&amp;/g, '&');
res = await send(new URL('/servicelogin/login', issuer).href, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: field('_csrf'), continue: field('continue'), username: env.user.id, password: env.user.password }),
});
out.loginStatus = res.status;
let location = res.headers.get('location');
while (location && new URL(location, issuer).origin === issuer.origin) {
  res = await send(new URL(location, issuer).href);
  location = res.headers.get('location');
}
const tokens = await oidc.authorizationCodeGrant(web, new URL(location), { pkceCodeVerifier: verifier, expectedState: state });
out.authorizationCode = { scope: tokens.scope, hasRefresh: typeof tokens.refresh_token === 'string' };

// 3. Refresh (rotation: a new refresh token comes back).
const refreshed = await oidc.refreshTokenGrant(web, tokens.refresh_token);
out.refresh = { rotated: refreshed.refresh_token !== tokens.refresh_token, scope: refreshed.scope };

// 4. Introspection, 5. revocation, then introspection again.
const before = await oidc.tokenIntrospection(web, refreshed.access_token);
out.introspection = { active: before.active, sub: before.sub, client_id: before.client_id, scope: before.scope };
await oidc.tokenRevocation(web, refreshed.access_token);
const after = await oidc.tokenIntrospection(web, refreshed.access_token);
out.afterRevocation = { active: after.active };
await oidc.tokenRevocation(web, refreshed.refresh_token, { token_type_hint: 'refresh_token' });
try {
  await oidc.refreshTokenGrant(web, refreshed.refresh_token);
  out.refreshAfterRevocation = 'accepted';
} catch (e) {
  out.refreshAfterRevocation = e.error ?? String(e);
}
process.stdout.write(JSON.stringify(out) + '\n');
