import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { eventually } from '@platform/testing';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  BOOT_LIMIT_MS,
  type ClientCredentials,
  clientToken,
  BUILD_LIMIT_MS,
  embeddedDatabaseUrl,
  bootSummary,
  launch,
  makeDataDir,
  removeDataDir,
  platformEnv,
  type Run,
  stop,
  tokenRequest,
  untilReady,
} from './launcher';

/** What the apps log when Postgres stops under them. */
const SERVER_GONE =
  /terminating connection due to administrator command|the database system is shutting down|Connection terminated unexpectedly/;

/** What the first boot's client creates a webhook subscription with. */
const ADMIN_SCOPE = 'platform.admin webhooks.suite';

describe('npm start (the whole platform in one process)', () => {
  const dataDir = makeDataDir('platform-start-');
  let env: NodeJS.ProcessEnv;
  let gateway: string;
  let current: Run | undefined;

  beforeAll(async () => {
    ({ env, gateway } = await platformEnv(dataDir));
  });

  afterAll(async () => {
    if (current && current.child.exitCode === null) await stop(current);
    removeDataDir(dataDir);
  });

  it(
    'boots, prints the generated credentials once, and comes back on the same data',
    async () => {
      current = launch(env);
      const firstMs = await untilReady(gateway, current);
      report('first', firstMs, current);
      expect(current.output()).toContain('FIRST BOOT: generated credentials');
      expect(current.output()).toContain(`${gateway}/docs`);
      const client = {
        id: /BOOTSTRAP_CLIENT_ID=(\S+)/.exec(current.output())?.[1] ?? 'missing',
        secret: /BOOTSTRAP_CLIENT_SECRET=(\S+)/.exec(current.output())?.[1] ?? 'missing',
      };
      expect(client.secret.length).toBeGreaterThanOrEqual(20);
      // The start-up output says where the data is; only the server's user may read it.
      const cluster = /postgres: ready on \S+(?: as user \S+)?, data in (\S+) \(/.exec(
        current.output(),
      )?.[1];
      expect(cluster).toBe(realpathSync(join(dataDir, 'postgres')));
      const { mode, uid } = statSync(cluster ?? 'missing');
      expect({ private: (mode & 0o077) === 0, ownedByRoot: uid === 0 }).toEqual({
        private: true,
        ownedByRoot: false, // Postgres refuses to run as root
      });
      const secretsFile = join(dataDir, 'launcher-secrets.json');
      expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
      // Any local user reaches 127.0.0.1: the superuser's password is DATA_DIR's own, not a fixed one.
      const pgPort = env['PG_PORT'] ?? '';
      expect(await logsIn(`postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres`)).toBe(false);
      expect(await logsIn(embeddedDatabaseUrl(dataDir, pgPort, 'postgres'))).toBe(true);
      // Once oauth and users hold them (hashed), the launcher forgets the generated credentials.
      expect(readFileSync(secretsFile, 'utf8')).not.toContain(client.secret);
      expect(await tokenStatus(gateway, client)).toBe(200);
      // A webhook subscription's client headers are stored encrypted under a key the launcher keeps.
      const subscription = await createSubscription(
        gateway,
        await clientToken(gateway, client, ADMIN_SCOPE),
      );
      expect(await stop(current)).toBe(0);

      current = launch(env);
      const secondMs = await untilReady(gateway, current);
      report('second', secondMs, current);
      expect(current.output()).not.toContain('FIRST BOOT');
      expect(current.output()).not.toContain(client.secret);
      // The client exists only in oauth's database: it still works, so the data survived.
      expect(await tokenStatus(gateway, client)).toBe(200);
      // ...and the second boot still opens them: the key survived with the data.
      expect(
        await readSubscription(
          gateway,
          await clientToken(gateway, client, ADMIN_SCOPE),
          subscription,
        ),
      ).toEqual({
        status: 200,
        accept: 'application/json',
      });
      expect(await stop(current)).toBe(0);
    },
    2 * BUILD_LIMIT_MS + 2 * BOOT_LIMIT_MS,
  );

  it(
    'stops, Postgres included, when only npm is told to stop (SIGTERM to the npm process)',
    async () => {
      current = launch(env, { viaNpm: true });
      await untilReady(gateway, current);
      const postmasterPid = join(dataDir, 'postgres', 'postmaster.pid');
      expect(existsSync(postmasterPid)).toBe(true);
      // npm passes the signal to `sh -c`, which dies without passing it on to the launcher.
      current.child.kill('SIGTERM');
      await current.exited;
      const deadline = Date.now() + 30_000;
      let answering = true;
      while (Date.now() < deadline && (answering || existsSync(postmasterPid))) {
        answering = await fetch(`${gateway}/health/live`).then(
          async (r) => (await r.body?.cancel(), true),
          () => false,
        );
        await new Promise((r) => setTimeout(r, 250));
      }
      expect({ gatewayAnswering: answering, postgresRunning: existsSync(postmasterPid) }).toEqual({
        gatewayAnswering: false,
        postgresRunning: false,
      });
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 30_000,
  );

  // Ctrl-C in a terminal signals the whole foreground process group: npm, the launcher and,
  // unless it has a session of its own, Postgres, which then ends the apps' connections under
  // them. `timeout` and a closing terminal (SIGHUP) do the same; npm passes them on too.
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops in order, Postgres last, when its whole process group gets %s',
    async (signal) => {
      const run = launch(env, { viaNpm: true, ownGroup: true });
      current = run;
      await untilReady(gateway, run);
      const before = run.output().length;
      process.kill(-(run.child.pid ?? 0), signal);
      const end = await eventually(
        async () => /\[start\] (stopped|.* exiting now)$/m.exec(run.output())?.[0],
        30_000,
      );
      const serverGone = run
        .output()
        .slice(before)
        .split('\n')
        .filter((l) => SERVER_GONE.test(l));
      expect({ end, serverGone }).toEqual({ end: '[start] stopped', serverGone: [] });
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 30_000,
  );
});

function report(which: string, ms: number, run: Run): void {
  process.stdout.write(
    `npm start: ${which} boot ready ${(ms / 1000).toFixed(1)} s after the build step ` +
      `[${bootSummary(run)}] (target < 20 s once built)\n`,
  );
}

async function createSubscription(gateway: string, token: string): Promise<string> {
  const res = await fetch(`${gateway}/api/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      action: 'user.created',
      status: 'inactive',
      postbackUrl: 'https://hooks.example.com/platform',
      techOwnerName: 'Tech Owner',
      techOwnerEmail: 'owner@example.com',
      clientHeaders: { accept: 'application/json' },
    }),
  });
  const body = (await res.json()) as { id?: string };
  expect({ status: res.status, body }).toMatchObject({ status: 201 });
  return body.id ?? 'missing';
}

async function readSubscription(
  gateway: string,
  token: string,
  id: string,
): Promise<{ status: number; accept?: string }> {
  const res = await fetch(`${gateway}/api/v1/webhooks/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { clientHeaders?: Record<string, string> };
  return { status: res.status, accept: body.clientHeaders?.accept };
}

/** The status of a client_credentials token request through the gateway. */
async function tokenStatus(gateway: string, client: ClientCredentials): Promise<number> {
  const res = await tokenRequest(gateway, client, {
    grant_type: 'client_credentials',
    scope: 'platform.admin',
  });
  await res.body?.cancel();
  return res.status;
}

async function logsIn(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
