import { freePorts, ROOT_STATE_DIR } from '@platform/persistence';
import { type ChildProcess, spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import platformApps from '../../tools/launcher/services.json';

/**
 * `npm start` as a child process (spec §1 "Running it"): `node tools/start.mjs` with embedded
 * Postgres, the in-process bus and every service on its own port behind the gateway. Shared by
 * the platform suites that run the whole thing.
 */

export const root = join(__dirname, '..', '..');
/** From the end of the build (if one was needed) to a ready gateway. */
export const BOOT_LIMIT_MS = 60_000;
/** Compiling competes with everything else on the machine; it is not part of the boot. */
export const BUILD_LIMIT_MS = 180_000;
const BUILT = /build: done in|build: dist is up to date/;
export const SERVICES = platformApps.services.map((s) => s.name);

export interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** A fresh, private (0700) DATA_DIR, as `mktemp -d` makes them. */
export function makeDataDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Removes a DATA_DIR and, when `npm start` ran as root and put the cluster out of DATA_DIR
 * (DATA_DIR/postgres links to it, under ROOT_STATE_DIR), that cluster's folder too.
 */
export function removeDataDir(dir: string): void {
  const link = join(dir, 'postgres');
  if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) {
    const cluster = readlinkSync(link);
    if (cluster.startsWith(`${ROOT_STATE_DIR}/clusters/`))
      rmSync(dirname(cluster), { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The launcher's environment: `DATA_DIR`, a free `PORT` for the gateway and a free `<APP>_PORT`
 * for each service, no `KAFKA_BROKERS` (the in-process bus), quiet logs; `extra` on top.
 */
export async function platformEnv(
  dataDir: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<{ env: NodeJS.ProcessEnv; gateway: string }> {
  // Distinct, Postgres's included: the launcher would otherwise pick its own, maybe one of these.
  const [port, pgPort, ...servicePorts] = await freePorts(SERVICES.length + 2);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
    ...extra,
  };
  delete env['KAFKA_BROKERS'];
  SERVICES.forEach((s, i) => (env[`${s.toUpperCase()}_PORT`] = String(servicePorts[i])));
  return { env, gateway: `http://127.0.0.1:${port}` };
}

/**
 * Runs the launcher directly, or (`viaNpm`) as `npm start` does: npm → sh -c → node; with
 * `ownGroup`, in a process group of its own, as a terminal runs a command (signal `-pid`).
 */
export function launch(env: NodeJS.ProcessEnv, { viaNpm = false, ownGroup = false } = {}): Run {
  const [command, args] = viaNpm
    ? ['npm', ['start', '--silent']]
    : [process.execPath, [join(root, 'tools', 'start.mjs')]];
  const child = spawn(command, args, { cwd: root, env, stdio: 'pipe', detached: ownGroup });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const pause = () => new Promise((r) => setTimeout(r, 250));

/**
 * Waits for the launcher's build step, then polls the gateway's readiness; resolves to the
 * milliseconds from the end of the build to ready, or fails with the launcher's output.
 */
export async function untilReady(url: string, run: Run): Promise<number> {
  const launched = Date.now();
  while (!BUILT.test(run.output())) {
    if (run.child.exitCode !== null) throw new Error(`npm start exited early:\n${run.output()}`);
    if (Date.now() - launched > BUILD_LIMIT_MS)
      throw new Error(`no build within ${BUILD_LIMIT_MS} ms`);
    await pause();
  }
  const started = Date.now();
  while (Date.now() - started < BOOT_LIMIT_MS) {
    if (run.child.exitCode !== null) throw new Error(`npm start exited early:\n${run.output()}`);
    const status = await fetch(`${url}/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return Date.now() - started;
    await pause();
  }
  throw new Error(`not ready within ${BOOT_LIMIT_MS} ms:\n${run.output()}`);
}

/** The launcher's own timing line, and whether it had to compile first. */
export function bootSummary(run: Run): string {
  const ready = /platform ready in .*/.exec(run.output())?.[0] ?? '(no timing line)';
  const built = /build: done in [\d.]+ s/.exec(run.output())?.[0] ?? 'build: dist was up to date';
  return `${ready}; ${built}`;
}

export async function stop(run: Run): Promise<number | null> {
  run.child.kill('SIGTERM');
  return run.exited;
}

/** A platform a suite started as `npm start` does, ready (see `startPlatform`). */
export interface StartedPlatform {
  gateway: string;
  env: NodeJS.ProcessEnv;
  run: Run;
}

/**
 * The set-up every platform suite repeats: free ports and `extra` settings on `dataDir`, the
 * launcher started (with `adjust`'s edit of its environment, given the gateway's address) and
 * ready; with a `label`, the boot time printed as `<label>: platform ready …`.
 */
export async function startPlatform(
  dataDir: string,
  extra: NodeJS.ProcessEnv,
  {
    label,
    adjust = (env) => env,
  }: {
    label?: string;
    adjust?: (env: NodeJS.ProcessEnv, gateway: string) => NodeJS.ProcessEnv;
  } = {},
): Promise<StartedPlatform> {
  const launched = await platformEnv(dataDir, extra);
  const env = adjust(launched.env, launched.gateway);
  const run = launch(env);
  const readyMs = await untilReady(launched.gateway, run);
  if (label) {
    process.stdout.write(
      `${label}: platform ready ${(readyMs / 1000).toFixed(1)} s after the build step [${bootSummary(run)}]\n`,
    );
  }
  return { gateway: launched.gateway, env, run };
}

/** The matching tear-down: stops the platform if it still runs, then removes its DATA_DIR. */
export async function stopPlatform(run: Run | undefined, dataDir: string): Promise<void> {
  if (run && run.child.exitCode === null) await stop(run);
  removeDataDir(dataDir);
}

export interface ClientCredentials {
  id: string;
  secret: string;
}

/** `POST /auth/oauth2/token` through the gateway with client_secret_basic (RFC 6749 §2.3.1). */
export function tokenRequest(
  gateway: string,
  client: ClientCredentials,
  form: Record<string, string>,
): Promise<Response> {
  return fetch(`${gateway}/auth/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  });
}

/** A client-credentials access token for `scope`; anything but a 200 fails the test. */
export async function clientToken(
  gateway: string,
  client: ClientCredentials,
  scope: string,
): Promise<string> {
  const res = await tokenRequest(gateway, client, { grant_type: 'client_credentials', scope });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * A URL of one of `npm start`'s own databases on its embedded Postgres, as its superuser, whose
 * password the launcher keeps with DATA_DIR's other secrets.
 */
export function embeddedDatabaseUrl(dataDir: string, port: number | string, database: string) {
  const secrets = JSON.parse(readFileSync(join(dataDir, 'launcher-secrets.json'), 'utf8')) as {
    postgresPassword: string;
  };
  const password = encodeURIComponent(secrets.postgresPassword);
  return `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
}
