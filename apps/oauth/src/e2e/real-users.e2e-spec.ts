import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as testKit from '@platform/testing';
import { freePort } from '@platform/persistence';
import { Browser } from './browser';
import { basic, createClient, OauthHarness, postForm, startOauth } from './harness';

const ROOT = join(__dirname, '..', '..', '..', '..');
const USERS_MAIN = join(ROOT, 'dist', 'apps', 'users', 'main.js');
const ADMIN = { login: 'root.admin', password: 'root-admin-password' };

/**
 * The users/oauth contract against the REAL users service, run as its own process from the build
 * (`node tools/build.mjs` first; skipped, saying so, when there is no build or no Kafka broker).
 * Apps never import apps, so it is booted as a process, as in production.
 */
const canRun = existsSync(USERS_MAIN) && testKit.kafkaBrokers() !== undefined;
/** In CI a missing build or broker is a failure, not a skip. */
const describeReal = canRun || process.env.CI ? describe : describe.skip;

describeReal(
  `oauth with the real users service${canRun ? '' : ' [skipped: needs dist/apps/users (build) and a Kafka broker]'}`,
  () => {
    let h: OauthHarness;
    let users: ChildProcess;
    let usersDb: { drop(): Promise<void> };

    beforeAll(async () => {
      if (!canRun)
        throw new Error(
          'needs dist/apps/users (node tools/build.mjs) and a Kafka broker (KAFKA_BROKERS or kcat)',
        );
      const db = await testKit.createTestDatabase('oauth_realusers');
      usersDb = db;
      const port = await freePort();
      users = spawn(process.execPath, [USERS_MAIN], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: db.url,
          KAFKA_BROKERS: testKit.kafkaBrokers()!.join(','),
          LOG_LEVEL: 'warn',
          ASSERTION_PUBLIC_KEY: testKit.TEST_ASSERTION_KEYS.publicKey,
          BOOTSTRAP_ADMIN_LOGIN: ADMIN.login,
          BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
        },
        stdio: 'ignore',
      });
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 150; i++) {
        if (users.exitCode !== null) throw new Error(`users exited with ${users.exitCode}`);
        const ok = await fetch(`${url}/health/live`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      h = await startOauth('oauth_realusers_o', { url }, testKit);
    }, 60_000);

    afterAll(async () => {
      await h?.stop();
      users?.kill('SIGTERM');
      await usersDb?.drop().catch(() => undefined);
    });

    it('logs the bootstrap admin in through the form (argon2id in users) and refuses a wrong password', async () => {
      const browser = new Browser();
      const bad = await browser.login(h.base, '/servicelogin/login', ADMIN.login, 'wrong-password');
      expect(bad.status).toBe(401);
      const good = await browser.login(h.base, '/servicelogin/login', ADMIN.login, ADMIN.password);
      expect(good.status).toBe(200);
      expect(browser.cookies.has('oauth_session')).toBe(true);
    });

    it('password grant: the admin user gets platform.admin only through a client that allows it', async () => {
      const c = await createClient(h, {
        name: 'internal',
        kind: 'password',
        scopes: ['platform.admin', 'users.suite'],
      });
      const res = await postForm(
        `${h.base}/auth/oauth2/token`,
        { grant_type: 'password', username: ADMIN.login, password: ADMIN.password },
        { authorization: basic(c.id, c.secret!) },
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ scope: 'platform.admin users.suite' });
    });
  },
);
