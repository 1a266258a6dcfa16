// Boots the platform as a user runs it — `node tools/start.mjs` (what `npm start` runs once built)
// on free ports with a fresh DATA_DIR (or the one given) — for the benchmarks that need all of it.
// The caller stops it with stop(); the data folder goes with it unless `keepData`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const SERVICES = require('./tools/launcher/services.json').services.map((s) => s.name);
export const BOOTSTRAP = { id: 'bench-admin', secret: 'bench-bootstrap-secret-0123456789abcdef' };

/** Starts the platform; resolves once /health/ready answers 200, with the milliseconds that took. */
export async function startPlatform(
  extraEnv = {},
  {
    dataDir = mkdtempSync(join(tmpdir(), 'bench-platform-')),
    keepData = false,
    nodeArgs = [],
  } = {},
) {
  const { freePorts } = require(
    join(root, 'dist', 'out', 'libs', 'persistence', 'src', 'index.js'),
  );
  const [port, pgPort, ...servicePorts] = await freePorts(SERVICES.length + 2);
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
    BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
    BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
    ...extraEnv,
  };
  delete env.KAFKA_BROKERS;
  SERVICES.forEach((s, i) => (env[`${s.toUpperCase()}_PORT`] = String(servicePorts[i])));
  const gateway = `http://127.0.0.1:${port}`;
  const began = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'tools', 'start.mjs')], {
    cwd: root,
    env,
    stdio: 'pipe',
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((r) => child.on('exit', r));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the platform exited while booting:\n${output}`);
    if (performance.now() - began > 120_000) {
      await stop();
      throw new Error(`not ready within 120 s:\n${output}`);
    }
    const status = await fetch(`${gateway}/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await sleep(20);
  }
  const readyMs = performance.now() - began;
  return {
    gateway,
    pid: child.pid,
    readyMs,
    readyCpuSeconds: cpuSeconds(child.pid),
    output: () => output,
    stop,
    dataDir,
    pgPort,
  };
}

/** Resident memory of a process, in MB (Linux /proc). */
export function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU seconds (user + system) a process has used so far (Linux /proc; 100 ticks a second). */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A client-credentials token through the gateway (client_secret_basic). */
export async function clientToken(gateway, scope, client = BOOTSTRAP) {
  const res = await fetch(`${gateway}/auth/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}
