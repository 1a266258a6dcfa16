#!/usr/bin/env node
// `npm run bench`: builds, then runs every benchmark under tools/bench/<area>/*.mjs one after the
// other (they share the cores; running them together would measure contention). Each benchmark
// measures its scenario against a reference in the same run and prints one `BENCH_RESULT {json}`
// line (tools/bench/_lib/stats.mjs); this collects the rows, prints the table with the ratios,
// writes bench/results.json and regenerates docs/benchmarks.md with its chart.
// `npm run bench -- oauth webhooks` runs only the areas named (the others' last rows are kept).
// BENCH_SKIP_BUILD=1 skips the build (dist/ already current).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chartSvg } from './_lib/chart.mjs';
import { benchmarksMarkdown, textTable } from './_lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const only = process.argv.slice(2);
const areas = readdirSync(here)
  .filter((d) => !d.startsWith('_') && statSync(join(here, d)).isDirectory())
  .filter((d) => only.length === 0 || only.includes(d))
  .sort();
const say = (line) => process.stdout.write(`[bench] ${line}\n`);

if (!process.env.BENCH_SKIP_BUILD) {
  const build = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const scripts = areas.flatMap((area) =>
  readdirSync(join(here, area))
    .filter((f) => f.endsWith('.mjs'))
    .sort()
    .map((file) => ({ area, file })),
);
const load = loadavg()[0].toFixed(1);
const rows = [];
let failed = 0;
for (const [i, { area, file }] of scripts.entries()) {
  const began = Date.now();
  say(`(${i + 1}/${scripts.length}) ${area}/${file}: running…`);
  const { status, found } = await runScript(join(here, area, file));
  const seconds = ((Date.now() - began) / 1000).toFixed(0);
  for (const r of found) rows.push({ ...r, area, script: `${area}/${file}` });
  if (status !== 0) {
    failed++;
    say(
      `(${i + 1}/${scripts.length}) ${area}/${file}: FAILED (exit ${status}, ${found.length} rows) after ${seconds} s`,
    );
  } else if (found.length === 0) {
    say(
      `(${i + 1}/${scripts.length}) ${area}/${file}: no rows (skipped, see above) after ${seconds} s`,
    );
  } else {
    const summary = found
      .map((r) => `${r.scenario} [${r.mode}]: ${r.met ? 'met' : 'not met'}`)
      .join('; ');
    say(`(${i + 1}/${scripts.length}) ${area}/${file}: done in ${seconds} s — ${summary}`);
  }
}

// Rows of areas not run this time stay as they were, so a partial run keeps the whole report.
const resultsFile = join(root, 'bench', 'results.json');
const previous = existsSync(resultsFile)
  ? JSON.parse(readFileSync(resultsFile, 'utf8'))
  : { rows: [] };
const ranScripts = new Set(scripts.map((s) => `${s.area}/${s.file}`));
const kept = (previous.rows ?? []).filter((r) => !ranScripts.has(r.script));
const all = [...kept, ...rows].sort((a, b) => a.script.localeCompare(b.script));
const meta = {
  finishedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown CPU',
  load,
};
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, JSON.stringify({ meta, rows: all }, null, 2) + '\n');
writeFileSync(join(root, 'docs', 'benchmarks.svg'), chartSvg(all));
writeFileSync(
  join(root, 'docs', 'benchmarks.md'),
  benchmarksMarkdown({ rows: all, meta, root, chartFile: 'benchmarks.svg' }),
);

process.stdout.write(`\n${textTable(all)}\n\n`);
say(`load average ${load} at the start; the machine may be shared, so read the ratios`);
say(`wrote bench/results.json, docs/benchmarks.md and docs/benchmarks.svg`);
process.exit(failed ? 1 : 0);

/** Runs one script, passing its output through, and collects its BENCH_RESULT rows. */
function runScript(path) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const found = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('BENCH_RESULT ')) {
        try {
          found.push(...JSON.parse(line.slice('BENCH_RESULT '.length)).rows);
        } catch (e) {
          say(`unreadable BENCH_RESULT line from ${path}: ${e.message}`);
        }
      } else process.stdout.write(`  ${line}\n`);
    });
    child.on('close', (status) => resolve({ status, found }));
  });
}
