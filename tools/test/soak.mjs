#!/usr/bin/env node
// `npm run test:soak`: the soak suite (test/reliability/soak) through the same runner as the other
// suites (builds what it boots, then jest), then its chart (SVG, next to the JSON report under
// reports/) and a summary. SOAK_MINUTES (default 30) and the SOAK_* rates: docs/reliability.md.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { soakChartSvg } from './soak-chart.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const began = Date.now();
const run = spawnSync(
  process.execPath,
  [
    join(root, 'tools', 'test', 'run.mjs'),
    '--config',
    'jest.reliability.config.js',
    'test/reliability/soak',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

const dir = join(root, 'reports');
let newest;
try {
  newest = readdirSync(dir)
    .filter((f) => /^soak-.*\.json$/.test(f))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .filter(({ at }) => at >= began)
    .sort((a, b) => b.at - a.at)[0]?.f;
} catch {
  newest = undefined;
}
if (!newest) {
  process.stderr.write('soak: no report was written (the run failed before the end)\n');
  process.exit(run.status || 1);
}
const file = join(dir, newest);
const report = JSON.parse(readFileSync(file, 'utf8'));
const svg = file.replace(/\.json$/, '.svg');
writeFileSync(svg, soakChartSvg(report));

const pad = (s, n) => String(s).padEnd(n);
const lines = [
  '',
  `soak: ${report.minutes} min, ${report.requests} requests, answers ${JSON.stringify(report.answers)}, p95 ${report.p95Ms} ms`,
  `  rates (asked → achieved/s, skipped): ${report.rates.map((r) => `${r.stream} ${r.askedPerSecond} → ${r.achievedPerSecond} (${r.skipped})`).join(', ')}`,
  `  webhooks: ${report.webhooks.delivered}/${report.webhooks.expected} events delivered to ${report.subscriptions} subscriptions`,
  `  violations: ${report.violations.length}`,
  `  series judged (first third → last third, limit; warm-up ${report.warmupSeconds} s):`,
  ...report.verdicts.map(
    (v) =>
      `    ${v.flat ? 'flat    ' : 'NOT FLAT'} ${pad(v.series, 36)} ${pad(v.statistic, 6)} ${pad(v.first, 8)} → ${pad(v.last, 8)} (≤ ${v.limit})`,
  ),
  `  report: ${file}`,
  `  chart:  ${svg}`,
  '',
];
process.stdout.write(lines.join('\n'));
process.exit(run.status ?? 1);
