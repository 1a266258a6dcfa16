import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Account, Binaries } from './postgres-process';

/**
 * Postgres refuses to run as root. When `npm start` (or the tests' embedded fallback) runs as
 * root, the server runs as another account, which must reach both its binaries and its cluster;
 * a clone in root's home (0700) or a DATA_DIR made by `mktemp -d` (0700) is out of its reach.
 * Then the binaries are copied, and the cluster created, under this root-owned folder, and
 * DATA_DIR/postgres links to the cluster (ADR 17).
 */
export const ROOT_STATE_DIR = '/var/lib/integration-platform';
/** The account new clusters run as: its own, so it shares no files with a system Postgres. */
export const SERVER_ACCOUNT = 'platform-postgres';

/** Where the server's binaries and cluster are, and the account it runs as. */
export interface Placement {
  binaries: Binaries;
  clusterDir: string;
  account?: Account;
}

/**
 * Chooses the account, binaries and cluster for `link` (DATA_DIR/postgres) as root, making
 * what is missing; `log` is told what was made where. Existing clusters keep their owner.
 */
export function placeAsRoot(
  link: string,
  binaries: Binaries,
  log: (line: string) => void,
): Placement {
  const found = clusterAt(link);
  if (found?.initialised) {
    const account = ownerOf(found.dir);
    if (!canReach(account, found.dir)) {
      throw new Error(
        `user ${account.name}, which owns the cluster in ${found.dir}, cannot reach it (a folder above it is closed to it); open the way again or move DATA_DIR`,
      );
    }
    return { binaries: reachableBinaries(binaries, account, log), clusterDir: found.dir, account };
  }
  const account = ensureAccount(SERVER_ACCOUNT, log);
  let clusterDir = found?.dir ?? link; // a folder an earlier, failed initdb left empty
  if (!found && canReach(account, dirname(link))) makeOwnedDir(link, account);
  else if (!found) clusterDir = relocate(link, account, log);
  return { binaries: reachableBinaries(binaries, account, log), clusterDir, account };
}

/**
 * The cluster at `link` (DATA_DIR/postgres, followed when a link), whether initdb made it yet,
 * or undefined when there is nothing (or an empty folder) there. A link to nothing is an error.
 */
export function clusterAt(link: string): { dir: string; initialised: boolean } | undefined {
  if (existsSync(join(link, 'PG_VERSION'))) return { dir: realpathSync(link), initialised: true };
  const stat = lstatSync(link, { throwIfNoEntry: false });
  if (!stat || isEmptyDir(link)) {
    return stat?.isSymbolicLink() ? { dir: realpathSync(link), initialised: false } : undefined;
  }
  if (stat.isSymbolicLink()) {
    throw new Error(
      `${link} links to a Postgres cluster that is missing or unreadable; restore it, or remove ${dirname(link)} to start afresh`,
    );
  }
  throw new Error(
    `${link} holds something other than a Postgres cluster; move it away, or remove ${dirname(link)} to start afresh`,
  );
}

function isEmptyDir(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

function ownerOf(clusterDir: string): Account {
  const { uid, gid } = statSync(clusterDir);
  if (uid === 0) {
    throw new Error(
      `${clusterDir} belongs to root, and Postgres will not run as root; give it to another user (chown -R) or use another DATA_DIR`,
    );
  }
  const named = spawnSync('id', ['-nu', String(uid)], { encoding: 'utf8' });
  return { name: named.status === 0 ? named.stdout.trim() : `uid ${uid}`, uid, gid };
}

/** The account's ids, creating it (a system account without login) when it does not exist. */
function ensureAccount(name: string, log: (line: string) => void): Account {
  const found = lookUp(name);
  if (found) return found;
  const made = spawnSync(
    'useradd',
    [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      name,
    ],
    { encoding: 'utf8' },
  );
  // Another start may have made it meanwhile; what counts is that it exists now.
  const account = lookUp(name);
  if (!account) {
    const why = (made.error?.message ?? made.stderr).trim() || `useradd exited ${made.status}`;
    throw new Error(
      `as root, Postgres runs as the user ${name}, which could not be created (${why}); create it, or run npm start as an ordinary user`,
    );
  }
  log(`postgres: created the system user ${name} to run the server (Postgres refuses root)`);
  return account;
}

function lookUp(name: string): Account | undefined {
  const id = (flag: string) => spawnSync('id', [flag, name], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Whether `account` may enter (a folder) or run (a file) `path`, through every folder above it:
 * asked of the system, as that account, so group rights and ACLs count as for the server.
 */
export function canReach(account: Account, path: string): boolean {
  const r = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', path], {
    uid: account.uid,
    gid: account.gid,
    cwd: '/',
  });
  return r.status === 0;
}

/** A folder only `account` may enter (0700), as Postgres wants its data directory. */
function makeOwnedDir(path: string, account: Account): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chownSync(path, account.uid, account.gid);
}

/** A new cluster folder under ROOT_STATE_DIR, linked from `link`; returns its path. */
function relocate(link: string, account: Account, log: (line: string) => void): string {
  const home = join(ROOT_STATE_DIR, 'clusters', randomBytes(6).toString('hex'));
  rootOwnedDir(join(ROOT_STATE_DIR, 'clusters'), 0o711);
  rootOwnedDir(home, 0o711);
  // Says whose it is, for whoever finds it; root's alone.
  writeFileSync(join(home, 'DATA_DIR'), `${dirname(link)}\n`, { mode: 0o600 });
  const clusterDir = join(home, 'postgres');
  makeOwnedDir(clusterDir, account);
  if (existsSync(link)) rmdirSync(link); // empty (see clusterAt): the link takes its place
  symlinkSync(clusterDir, link);
  log(
    `postgres: user ${account.name} cannot reach ${dirname(link)}, so the new cluster goes in ${clusterDir}, linked from ${link}`,
  );
  return clusterDir;
}

/** A root-owned folder with `mode` (parents 0755), whatever the umask. */
function rootOwnedDir(path: string, mode: number): void {
  try {
    if (!existsSync(ROOT_STATE_DIR)) {
      mkdirSync(ROOT_STATE_DIR, { recursive: true, mode: 0o755 });
      chmodSync(ROOT_STATE_DIR, 0o755);
    }
    mkdirSync(path, { recursive: true, mode });
    chmodSync(path, mode);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new Error(
      `as root, the Postgres files its user cannot reach where they are go to ${ROOT_STATE_DIR}, which cannot be written (${why}); make it writable, or run npm start as an ordinary user`,
    );
  }
}

/** The binaries, or a root-owned copy of them that `account` can run. */
function reachableBinaries(
  binaries: Binaries,
  account: Account,
  log: (line: string) => void,
): Binaries {
  if (canReach(account, join(binaries.binDir, 'postgres'))) return binaries;
  const installed = join(ROOT_STATE_DIR, `postgres-${binaries.version}-${process.arch}`);
  if (!existsSync(installed)) {
    // Copied beside it, then renamed: a concurrent start never sees a half-made copy.
    rootOwnedDir(ROOT_STATE_DIR, 0o755);
    const partial = `${installed}.partial-${process.pid}`;
    cpSync(dirname(binaries.binDir), partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, installed);
      log(
        `postgres: copied the server binaries to ${installed}, where ${account.name} can run them`,
      );
    } catch (e) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(installed)) throw e;
    }
  }
  return { ...binaries, binDir: join(installed, 'bin') };
}
