#!/usr/bin/env node
// `npm run bench`: builds, then runs every benchmark under tools/bench/<area>/*.mjs one after the
// other (they share two cores; running them together would measure contention). Each benchmark
// prints its own numbers and the reference it measured in the same run, with the ratio.
// `npm run bench -- oauth` runs only the areas named.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const only = process.argv.slice(2);
const areas = readdirSync(here)
  .filter((d) => statSync(join(here, d)).isDirectory())
  .filter((d) => only.length === 0 || only.includes(d))
  .sort();

const build = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let failed = 0;
for (const area of areas) {
  for (const file of readdirSync(join(here, area)).filter((f) => f.endsWith('.mjs')).sort()) {
    process.stdout.write(`\n=== bench ${area}/${file}\n`);
    const r = spawnSync(process.execPath, [join(here, area, file)], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) {
      failed++;
      process.stdout.write(`=== ${area}/${file} failed (exit ${r.status})\n`);
    }
  }
}
process.exit(failed ? 1 : 0);
