import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Principal } from '@platform/auth';
import { as, waitFor } from './harness';

const ROOT = join(__dirname, '..', '..');

export interface Child {
  proc: ChildProcess;
  log: string[];
  kill(): Promise<void>;
}

/** Runs a compiled entry point (`node tools/build.mjs` first) with `env`; SIGKILL-able. */
export function spawnNode(script: string, env: Record<string, string>, name: string): Child {
  const proc = spawn(process.execPath, [join(ROOT, script)], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer): void => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
    if (process.env['WEBHOOKS_TEST_VERBOSE']) process.stderr.write(`[${name}] ${chunk.toString()}`);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  return {
    proc,
    log,
    kill: () =>
      new Promise<void>((done) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return done();
        proc.once('exit', () => done());
        proc.kill('SIGKILL');
      }),
  };
}

/** Waits until `url` answers 200 (the app is up, its database migrated). */
export async function waitReady(url: string, child: Child, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    async () => {
      if (child.proc.exitCode !== null)
        throw new Error(`child exited ${child.proc.exitCode}: ${child.log.join('').slice(-2000)}`);
      try {
        return (await fetch(url)).status === 200;
      } catch {
        return false;
      }
    },
    timeoutMs,
    `${url} to be ready`,
  );
}

/** Polling and retries fast enough for a crash suite's backlog to clear within the test. */
export const CRASH_TIMING = {
  WEBHOOKS_POLL_MS: '50',
  WEBHOOKS_RETRY_SCHEDULE: '100ms,200ms,400ms,800ms,1s,1s,1s,1s,1s,1s,1s,1s',
};

/** Spawns `script` and waits until it answers on `port`'s /health/live (killed if it never does). */
export async function spawnReady(
  script: string,
  env: Record<string, string>,
  name: string,
  port: number,
): Promise<Child> {
  const child = spawnNode(script, env, name);
  try {
    await waitReady(`http://127.0.0.1:${port}/health/live`, child);
  } catch (error) {
    await child.kill();
    throw error;
  }
  return child;
}

/** POSTs a subscription to the webhooks API a child serves on `port`, as `principal`. */
export async function postSubscription(
  port: number,
  body: Record<string, unknown>,
  principal: Partial<Principal> = {},
): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/v1/webhooks`, {
    method: 'POST',
    headers: { ...(await as(principal)), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
