#!/usr/bin/env node
// `npm test`: builds what the end-to-end tests boot, then runs every test tier in one jest run.
// The jest global setup picks and prints the backends (Postgres, Kafka) used.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../launcher/build.mjs';
import { GATEWAY, SERVICES } from '../launcher/services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = { ...process.env, NX_DAEMON: 'false', NODE_ENV: 'test' };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// As `npm start` builds: stamped, so the suites that run `npm start` find dist up to date rather
// than each rebuilding it while the others run from it.
try {
  ensureBuilt(root, [GATEWAY.name, ...SERVICES.map((s) => s.name)], (line) =>
    process.stdout.write(`${line}\n`),
  );
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
run(process.execPath, [
  join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
  ...process.argv.slice(2),
]);
