import * as testKit from '@platform/testing';
import { POLICY } from '../security/failure-throttle';
import { Browser, fetchFrom } from './browser';
import { basic, createClient, OauthHarness, postForm, startOauth } from './harness';

const ALICE = { id: 'alice', password: 'alice-password-1' };

/** Sources (IP addresses) played from loopback: the owner is at 127.0.0.1, strangers elsewhere. */
const SECRET_GUESSER = fetchFrom('127.0.0.65');
const STRANGER = fetchFrom('127.0.0.66');
const OTHER_STRANGER = fetchFrom('127.0.0.67');
const SPRAYER = fetchFrom('127.0.0.68');

describe('oauth: throttling failed authentication without locking owners out', () => {
  let h: OauthHarness;
  let tokenUrl: string;
  let internal: { id: string; secret?: string };

  beforeAll(async () => {
    h = await startOauth('oauth_throttling', [ALICE], testKit);
    tokenUrl = `${h.base}/auth/oauth2/token`;
    internal = await createClient(h, {
      name: 'internal',
      kind: 'password',
      scopes: ['users.suite'],
    });
  });
  afterAll(() => h?.stop());

  const passwordGrant = (
    password: string,
    send: typeof fetch = fetch,
    username = ALICE.id,
  ): Promise<Response> =>
    postForm(
      tokenUrl,
      { grant_type: 'password', username, password },
      { authorization: basic(internal.id, internal.secret!) },
      send,
    );

  it("a stranger's wrong client secrets lock the stranger's source, never the client (429 slow_down + Retry-After)", async () => {
    const victim = await createClient(h, {
      name: 'victim',
      kind: 'service',
      scopes: ['audit.read'],
    });
    const statuses: number[] = [];
    for (let i = 0; i <= POLICY.secretSource.limit; i++) {
      const res = await postForm(
        tokenUrl,
        { grant_type: 'client_credentials', client_id: victim.id, client_secret: `bad-${i}` },
        {},
        SECRET_GUESSER,
      );
      statuses.push(res.status);
      const body = (await res.json()) as { error: string };
      if (res.status === 429) {
        expect(body.error).toBe('slow_down');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      } else expect(body.error).toBe('invalid_client');
    }
    expect(statuses.slice(0, POLICY.secretSource.limit).every((s) => s === 401)).toBe(true);
    expect(statuses[POLICY.secretSource.limit]).toBe(429);
    // The client's own source still gets its token with the right secret.
    const owner = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: basic(victim.id, victim.secret!) },
    );
    expect(owner.status).toBe(200);
    // The stranger's source stays locked whatever it presents.
    const locked = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: basic(victim.id, victim.secret!) },
      SECRET_GUESSER,
    );
    expect(locked.status).toBe(429);
  });

  it("a stranger's wrong passwords lock (account, stranger's source) only: the owner still signs in", async () => {
    const limit = POLICY.loginAccountSource.limit;
    for (let i = 0; i < limit; i++) {
      const res = await passwordGrant(`wrong-${i}`, STRANGER);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    }
    const locked = await passwordGrant(ALICE.password, STRANGER);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: 'slow_down' });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);

    // The owner, from its own source: the password grant and the login form both work.
    expect((await passwordGrant(ALICE.password)).status).toBe(200);
    const browser = new Browser();
    const login = await browser.login(h.base, '/servicelogin/login', ALICE.id, ALICE.password);
    expect(login.status).toBe(200);
    expect(browser.cookies.has('oauth_session')).toBe(true);
    // Another stranger's source has its own budget for that account.
    expect((await passwordGrant('wrong', OTHER_STRANGER)).status).toBe(400);
    // The login form from the locked source answers 429 with Retry-After.
    const lockedForm = await new Browser(STRANGER).login(
      h.base,
      '/servicelogin/login',
      ALICE.id,
      ALICE.password,
    );
    expect(lockedForm.status).toBe(429);
    expect(Number(lockedForm.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a source that sprays wrong passwords across accounts is locked for every account, and only it', async () => {
    for (let i = 0; i < POLICY.loginSource.limit; i++) {
      expect((await passwordGrant('wrong', SPRAYER, `nobody-${i}`)).status).toBe(400);
    }
    expect((await passwordGrant(ALICE.password, SPRAYER)).status).toBe(429);
    expect((await passwordGrant(ALICE.password)).status).toBe(200);
  });
});
