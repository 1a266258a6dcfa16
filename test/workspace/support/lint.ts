import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = join(__dirname, '..', '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/**
 * ESLint's module-boundaries rule reads Nx's project graph from its cache and skips itself ("No
 * cached ProjectGraph is available") when there is none, as on a fresh clone before any `nx`
 * command. So a suite computes the graph itself, without the daemon, into a cache of its own
 * that no other run (a lint, another suite) can change or lack.
 */
export const nxEnv = (dataDir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  NX_DAEMON: 'false',
  NX_WORKSPACE_DATA_DIRECTORY: dataDir,
});

export async function computeProjectGraph(env: NodeJS.ProcessEnv): Promise<void> {
  await run(bin('nx'), ['show', 'projects'], { cwd: root, env });
}

export interface Outcome {
  code: number;
  /** What the tool printed: stdout, then stderr. */
  output: string;
  stdout: string;
}

/** Runs a workspace tool from node_modules/.bin; resolves to its exit code and what it printed. */
export async function tool(name: string, args: string[], env = process.env): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(bin(name), args, {
      cwd: root,
      // Plain text whatever the caller's terminal or CI says (CI=true makes some tools colour).
      env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr, stdout };
  } catch (e) {
    const err = e as { code?: number | string; stdout?: string; stderr?: string };
    const stdout = err.stdout ?? '';
    const code = typeof err.code === 'number' ? err.code : 1;
    return { code, output: stdout + (err.stderr ?? ''), stdout };
  }
}

/** Lints files with the workspace's ESLint config; resolves to exit code and ESLint's report. */
export async function eslint(
  files: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  const { code, stdout } = await tool('eslint', ['--no-cache', ...files], env);
  return { code, output: stdout };
}

/** The command `npm run <script>` runs, split into the tool and its arguments. */
export function npmScript(script: string): { name: string; args: string[] } {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [name = '', ...args] = (pkg.scripts[script] ?? '').split(' ');
  return { name, args };
}

/**
 * Temporary source files for a lint probe, removed by `remove()`. A `.spec.ts` name keeps a
 * probe out of the build and the launcher's freshness check; a probe that must not be a test
 * file goes under `src/e2e/` (outside the build) and is dated in the past, so suites building
 * or starting the platform meanwhile (in other jest workers) neither compile it nor rebuild
 * because of it.
 */
export class Probes {
  private readonly files = new Set<string>();
  private readonly dirs: string[] = [];

  write(path: string, text: string): string {
    const dir = dirname(path);
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.push(dir);
    }
    writeFileSync(path, text);
    if (!/\.(spec|int-spec|e2e-spec)\.ts$/.test(path)) utimesSync(path, 0, 0);
    this.files.add(path);
    return path;
  }

  remove(): void {
    for (const file of this.files) rmSync(file, { force: true });
    this.files.clear();
    for (const dir of this.dirs.splice(0).reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // Not empty: something else put a file there meanwhile; leave it.
      }
    }
  }
}

const LOCK = join(root, 'tmp', 'workspace-tree.lock');

/**
 * The suites that put probe files into the tree (house rules, module boundaries, OpenAPI
 * metadata) and the whole-tree checks they run (knip, the metadata check) must not overlap: one
 * suite's probe is another's unexpected unused file or stale DTO. Jest runs files on two workers,
 * so each of these suites holds this lock (a file created exclusively, naming its pid) from its
 * first test to its last. A lock whose process is gone (a killed run) is taken over.
 */
export async function lockTree(timeoutMs = 600_000): Promise<() => void> {
  mkdirSync(dirname(LOCK), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      return () => rmSync(LOCK, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder = 0;
    try {
      holder = Number(readFileSync(LOCK, 'utf8')); // 0 while its holder is still writing it
    } catch {
      continue; // released meanwhile
    }
    if (holder && !alive(holder)) rmSync(LOCK, { force: true });
    else if (Date.now() - started > timeoutMs)
      throw new Error(`${LOCK}: still held by process ${holder} after ${timeoutMs} ms`);
    else await new Promise((r) => setTimeout(r, 200));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
