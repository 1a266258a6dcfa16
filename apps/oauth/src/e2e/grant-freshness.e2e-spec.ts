import { randomUUID } from 'node:crypto';
import * as testKit from '@platform/testing';
import { UserDisabledHandler } from '../events/user-disabled.handler';
import { Browser, pkcePair } from './browser';
import { FakeUser } from './fake-users';
import { basic, createClient, OauthHarness, postForm, startOauth } from './harness';

const REDIRECT = 'https://app.example.test/callback';
const ALICE: FakeUser = { id: 'alice', password: 'alice-password-1' };
const BOB: FakeUser = { id: 'bob', password: 'bob-password-1' };
const DORA: FakeUser = { id: 'dora', password: 'dora-password-1' };
const ROOT: FakeUser = { id: 'root', password: 'root-password-1', platformAdmin: true };

type Tokens = Record<string, string>;
const claims = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;

/** What a client gets from a token it obtained earlier, once things changed (RFC 6749 §6, §4.1.3). */
describe('oauth: refresh and code grants check what changed since the grant', () => {
  let h: OauthHarness;
  let tokenUrl: string;

  beforeAll(async () => {
    h = await startOauth('oauth_freshness', [ALICE, BOB, DORA, ROOT], testKit);
    tokenUrl = `${h.base}/auth/oauth2/token`;
  });
  afterAll(() => h?.stop());

  async function serverClient(
    scopes: string[],
  ): Promise<{ id: string; auth: Record<string, string> }> {
    const c = await createClient(h, {
      name: 'web',
      kind: 'server',
      redirectUris: [REDIRECT],
      scopes,
      refreshTokens: true,
    });
    return { id: c.id, auth: { authorization: basic(c.id, c.secret!) } };
  }

  /** Signs `user` in and runs the browser part of the code flow; returns the code and its verifier. */
  async function authorize(
    clientId: string,
    user: FakeUser,
  ): Promise<{ code: string; verifier: string; browser: Browser }> {
    const { verifier, challenge } = await pkcePair();
    const browser = new Browser();
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const first = await browser.get(`${h.base}/auth/oauth2/authorize?${q}`);
    const login = await browser.login(
      h.base,
      first.headers.get('location')!,
      user.id,
      user.password,
    );
    const { location } = await browser.follow(h.base, login.headers.get('location')!);
    return { code: new URL(location!).searchParams.get('code') ?? '', verifier, browser };
  }

  async function codeTokens(
    client: { id: string; auth: Record<string, string> },
    user: FakeUser,
  ): Promise<Tokens> {
    const { code, verifier } = await authorize(client.id, user);
    const res = await postForm(
      tokenUrl,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      client.auth,
    );
    expect(res.status).toBe(200);
    return (await res.json()) as Tokens;
  }

  const refresh = (
    client: { auth: Record<string, string> },
    token: string,
    extra: Record<string, string> = {},
  ): Promise<Response> =>
    postForm(
      tokenUrl,
      { grant_type: 'refresh_token', refresh_token: token, ...extra },
      client.auth,
    );

  it('a refresh after the client lost a scope mints only what it still holds; asking for the lost one is invalid_scope', async () => {
    const client = await serverClient(['users.suite', 'audit.read']);
    const t1 = await codeTokens(client, ALICE);
    expect(t1['scope']).toBe('users.suite audit.read');
    expect(
      (await h.admin('PATCH', `/auth/oauth2/clients/${client.id}`, { scopes: ['users.suite'] }))
        .status,
    ).toBe(200);

    const asked = await refresh(client, t1['refresh_token']!, { scope: 'audit.read' });
    expect(asked.status).toBe(400);
    expect(await asked.json()).toMatchObject({ error: 'invalid_scope' });
    const r2 = await refresh(client, t1['refresh_token']!);
    expect(r2.status).toBe(200);
    const t2 = (await r2.json()) as Tokens;
    expect(t2['scope']).toBe('users.suite');
    expect(claims(t2['access_token']!)['scope']).toBe('users.suite');
  });

  it('a code redeemed after the client lost a scope is narrowed the same way', async () => {
    const client = await serverClient(['users.suite', 'audit.read']);
    const { code, verifier } = await authorize(client.id, ALICE);
    await h.admin('PATCH', `/auth/oauth2/clients/${client.id}`, { scopes: ['audit.read'] });
    const res = await postForm(
      tokenUrl,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      client.auth,
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as Tokens)['scope']).toBe('audit.read');
  });

  it('a refresh after the client turned refresh tokens off is unauthorized_client; after deletion, invalid_client', async () => {
    const client = await serverClient(['users.suite']);
    const t1 = await codeTokens(client, ALICE);
    await h.admin('PATCH', `/auth/oauth2/clients/${client.id}`, { refreshTokens: false });
    const off = await refresh(client, t1['refresh_token']!);
    expect(off.status).toBe(400);
    expect(await off.json()).toMatchObject({ error: 'unauthorized_client' });

    const other = await serverClient(['users.suite']);
    const t2 = await codeTokens(other, ALICE);
    await h.admin('PATCH', `/auth/oauth2/clients/${other.id}`, {
      grantTypes: ['authorization_code'],
    });
    expect(await (await refresh(other, t2['refresh_token']!)).json()).toMatchObject({
      error: 'unauthorized_client',
    });
    expect((await h.admin('DELETE', `/auth/oauth2/clients/${other.id}`)).status).toBe(204);
    const gone = await refresh(other, t2['refresh_token']!);
    expect(gone.status).toBe(401);
    expect(await gone.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('refresh, code and authorize refuse a user disabled in users, before any event says so', async () => {
    const client = await serverClient(['users.suite']);
    const t1 = await codeTokens(client, BOB);
    const { code, verifier, browser } = await authorize(client.id, BOB);
    BOB.status = 'disabled'; // users says so now; no user.disabled event has reached oauth

    const refreshed = await refresh(client, t1['refresh_token']!);
    expect(refreshed.status).toBe(400);
    expect(await refreshed.json()).toMatchObject({ error: 'invalid_grant' });
    const redeemed = await postForm(
      tokenUrl,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      client.auth,
    );
    expect(redeemed.status).toBe(400);
    expect(await redeemed.json()).toMatchObject({ error: 'invalid_grant' });
    // The browser still holds its session: /authorize answers access_denied, with no code.
    const { challenge } = await pkcePair();
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: client.id,
      redirect_uri: REDIRECT,
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const again = new URL(
      (await browser.get(`${h.base}/auth/oauth2/authorize?${q}`)).headers.get('location')!,
    );
    expect(again.searchParams.get('error')).toBe('access_denied');
    expect(again.searchParams.get('code')).toBeNull();
  });

  it('a refresh for a user who is no longer a platform administrator drops platform.admin', async () => {
    const client = await serverClient(['users.suite', 'platform.admin']);
    const t1 = await codeTokens(client, ROOT);
    expect(t1['scope']).toBe('users.suite platform.admin');
    ROOT.platformAdmin = false;
    const r2 = await refresh(client, t1['refresh_token']!);
    expect(((await r2.json()) as Tokens)['scope']).toBe('users.suite');
  });

  it('user.disabled ends every token of the user, also those minted after disabledAt and before the event', async () => {
    const internal = await createClient(h, {
      name: 'internal',
      kind: 'password',
      scopes: ['users.suite'],
    });
    const disabledAt = new Date(Date.now() - 60_000).toISOString(); // the event arrives a minute late
    const res = await postForm(
      tokenUrl,
      { grant_type: 'password', username: DORA.id, password: DORA.password },
      { authorization: basic(internal.id, internal.secret!) },
    );
    const { access_token } = (await res.json()) as Tokens;
    await h.db.transaction((manager) =>
      h.app.get(UserDisabledHandler).handle(
        {
          id: randomUUID(),
          type: 'user.disabled',
          source: '/platform/users',
          time: disabledAt,
          subject: DORA.id,
          data: { id: DORA.id, disabledAt },
        },
        { manager, attempt: 1 },
      ),
    );
    const intro = await postForm(
      `${h.base}/auth/oauth2/introspect`,
      { token: access_token! },
      { authorization: basic(internal.id, internal.secret!) },
    );
    expect(await intro.json()).toEqual({ active: false });
    expect(
      (await fetch(`${h.base}/auth/oauth2/tokeninfo?access_token=${access_token}`)).status,
    ).toBe(400);
  });
});
