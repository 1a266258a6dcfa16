import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@platform/testing';
import { SystemClock } from '@platform/http';
import { PortalEnv } from '../config';
import { migrations } from '../migrations';
import { OAuthRefused, type PlatformOAuth, type TokenSet } from '../sign-in/platform-oauth';
import { SessionEntity } from './session.entity';
import { SessionEnded, SessionStore } from './session.store';
import { SessionsRepository } from './sessions.repository';

/** The OAuth server as the store sees it: refresh rotates, a spent refresh token is refused. */
class FakeOAuth {
  refreshes = 0;
  revoked: string[] = [];
  private live = new Set<string>();

  issue(expiresIn: number): TokenSet {
    const refreshToken = `refresh-${randomBytes(6).toString('hex')}`;
    this.live.add(refreshToken);
    return {
      accessToken: `access-${randomBytes(6).toString('hex')}`,
      refreshToken,
      expiresIn,
      scopes: ['webhooks.suite'],
    };
  }

  async refresh(token: string): Promise<TokenSet> {
    this.refreshes++;
    await new Promise((r) => setTimeout(r, 50)); // a real round trip, so racing callers overlap
    if (!this.live.delete(token)) throw new OAuthRefused('invalid_grant', 400);
    return this.issue(1500);
  }

  async revoke(token: string): Promise<void> {
    this.revoked.push(token);
    this.live.delete(token);
  }
}

describe('portal sessions on Postgres', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let oauth: FakeOAuth;
  let store: SessionStore;

  beforeAll(async () => {
    db = await createTestDatabase('portal_sessions');
    ds = await new DataSource({
      type: 'postgres',
      url: db.url,
      entities: [SessionEntity],
      migrations,
    }).initialize();
    await ds.runMigrations();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  beforeEach(() => {
    oauth = new FakeOAuth();
    const env = Object.assign(new PortalEnv(), {
      PORTAL_SESSION_KEY: randomBytes(32).toString('base64'),
    });
    store = new SessionStore(
      new SessionsRepository(ds),
      env,
      oauth as unknown as PlatformOAuth,
      new SystemClock(),
    );
  });

  it('keeps only digests and sealed tokens in the table', async () => {
    const tokens = oauth.issue(1500);
    const { cookie, session } = await store.open('ana', tokens);
    const row = await ds.query(`SELECT * FROM portal_sessions WHERE id_digest = $1`, [
      session.idDigest,
    ]);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(cookie);
    expect(stored).not.toContain(tokens.accessToken);
    expect(stored).not.toContain(tokens.refreshToken);
    expect((await store.find(cookie))?.userId).toBe('ana');
    expect(await store.find(`${cookie}x`)).toBeNull();
  });

  it('outlives the access token: renews it once even when many requests need it at the same time', async () => {
    const { cookie } = await store.open('ana', oauth.issue(30)); // inside the renewal margin
    const sessions = await Promise.all(Array.from({ length: 5 }, () => store.find(cookie)));
    const tokens = await Promise.all(sessions.map((s) => store.accessToken(s!)));
    expect(oauth.refreshes).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    // The renewed token lasts: the next call needs no refresh.
    expect(await store.accessToken((await store.find(cookie))!)).toBe(tokens[0]);
    expect(oauth.refreshes).toBe(1);
  });

  it('ends the session when the platform refuses to renew it', async () => {
    const tokens = oauth.issue(30);
    const { cookie } = await store.open('ana', tokens);
    await oauth.revoke(tokens.refreshToken!); // e.g. signed out elsewhere, or the user was disabled
    await expect(store.accessToken((await store.find(cookie))!)).rejects.toBeInstanceOf(
      SessionEnded,
    );
    expect(await store.find(cookie)).toBeNull();
  });

  it('signing out forgets the session and revokes its refresh token', async () => {
    const tokens = oauth.issue(1500);
    const { cookie } = await store.open('ana', tokens);
    await store.end((await store.find(cookie))!);
    expect(await store.find(cookie)).toBeNull();
    expect(oauth.revoked).toEqual([tokens.refreshToken]);
  });
});
