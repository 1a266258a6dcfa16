// The soak's chart: one panel per watched measure, a line per process (or database) over the run's
// minutes, the warm-up shaded and the first and last thirds — the two the verdict compares —
// marked. Plain SVG, as the benchmarks' chart (tools/bench/_lib/chart.mjs, whose helpers it uses).
import { esc, num } from '../bench/_lib/chart.mjs';

const PANELS = [
  { key: 'rssMb', title: 'resident memory (MB)' },
  { key: 'heapMb', title: 'V8 heap used (MB)' },
  { key: 'eventLoopP99Ms', title: 'event-loop delay p99 (ms)' },
  { key: 'activeResources', title: 'active resources (handles, requests, timers)' },
  { key: 'connections', title: 'database connections (pg_stat_activity)' },
  { key: 'outboxAgeS', title: 'outbox lag: oldest unpublished event (s)' },
];
const COLOURS = [
  '#2b6cb0',
  '#c05621',
  '#2f855a',
  '#6b46c1',
  '#b83280',
  '#2c7a7b',
  '#975a16',
  '#4a5568',
  '#e53e3e',
  '#3182ce',
  '#38a169',
  '#d69e2e',
  '#805ad5',
];
const W = 900;
const PANEL_H = 190;
const PLOT_X = 60;
const PLOT_W = 640;
const LEGEND_X = PLOT_X + PLOT_W + 16;

/** The series of one panel: name → [[minutes, value]]. */
function seriesOf(report, key) {
  const lines = new Map();
  for (const s of report.samples) {
    const entries =
      key === 'connections'
        ? Object.entries(s.connections)
        : Object.entries(s.apps)
            .filter(([, v]) => v[key] !== undefined)
            .map(([app, v]) => [app, v[key]]);
    for (const [name, value] of entries) {
      if (!lines.has(name)) lines.set(name, []);
      lines.get(name).push([s.t / 60_000, value]);
    }
  }
  return lines;
}

export function soakChartSvg(report) {
  const height = 40 + PANELS.length * PANEL_H;
  const end = Math.max(report.minutes, ...report.samples.map((s) => s.t / 60_000));
  // The thirds as flatness.ts cuts them: from the first judged sample to the last sample.
  const judged = report.samples.filter((s) => s.t >= report.warmupSeconds * 1000);
  const warm = (judged[0]?.t ?? report.warmupSeconds * 1000) / 60_000;
  const third = ((judged.at(-1)?.t ?? end * 60_000) / 60_000 - warm) / 3;
  const lastFrom = warm + 2 * third;
  const failed = new Set(report.verdicts.filter((v) => !v.flat).map((v) => v.series));
  // One colour per process (or database) in every panel.
  const names = [
    ...new Set(
      report.samples.flatMap((s) => [...Object.keys(s.apps), ...Object.keys(s.connections)]),
    ),
  ].sort();
  const colourOf = (name) => COLOURS[names.indexOf(name) % COLOURS.length];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="22" font-weight="bold" font-size="13">Soak: ${esc(report.minutes)} min, a sample every ${esc(report.sampleSeconds)} s; grey: warm-up; blue: the two thirds compared${failed.size ? ` — ${failed.size} series not flat` : ' — all flat'}</text>`,
  ];
  PANELS.forEach((panel, i) => {
    const top = 40 + i * PANEL_H;
    const plotTop = top + 18;
    const plotH = PANEL_H - 48;
    const lines = seriesOf(report, panel.key);
    const values = [...lines.values()].flat().map(([, v]) => v);
    const max = Math.max(1, ...values) * 1.1;
    const x = (m) => PLOT_X + (m / end) * PLOT_W;
    const y = (v) => plotTop + plotH - (v / max) * plotH;
    parts.push(
      `<text x="${PLOT_X}" y="${top + 12}" font-weight="bold">${esc(panel.title)}</text>`,
      `<rect x="${x(0)}" y="${plotTop}" width="${x(warm) - x(0)}" height="${plotH}" fill="#edf2f7"/>`,
      `<rect x="${x(warm)}" y="${plotTop}" width="${x(warm + third) - x(warm)}" height="${plotH}" fill="#ebf8ff"/>`,
      `<rect x="${x(lastFrom)}" y="${plotTop}" width="${x(lastFrom + third) - x(lastFrom)}" height="${plotH}" fill="#ebf8ff"/>`,
      `<rect x="${PLOT_X}" y="${plotTop}" width="${PLOT_W}" height="${plotH}" fill="none" stroke="#a0aec0"/>`,
      `<text x="${PLOT_X - 6}" y="${plotTop + 4}" text-anchor="end">${esc(num(Math.round(max)))}</text>`,
      `<text x="${PLOT_X - 6}" y="${plotTop + plotH}" text-anchor="end">0</text>`,
      `<text x="${PLOT_X}" y="${plotTop + plotH + 14}">0 min</text>`,
      `<text x="${PLOT_X + PLOT_W}" y="${plotTop + plotH + 14}" text-anchor="end">${esc(num(Math.round(end * 10) / 10))} min</text>`,
    );
    [...lines.entries()].forEach(([name, points], j) => {
      const colour = colourOf(name);
      const path = points.map(
        ([m, v], k) => `${k ? 'L' : 'M'}${x(m).toFixed(1)},${y(v).toFixed(1)}`,
      );
      const series =
        panel.key === 'connections' ? `db ${name} connections` : `${name} ${panel.key}`;
      const bad = failed.has(series);
      parts.push(
        `<path d="${path.join('')}" fill="none" stroke="${colour}" stroke-width="${bad ? 2.5 : 1.2}"/>`,
      );
      if (j < 13)
        parts.push(
          `<text x="${LEGEND_X}" y="${plotTop + 8 + j * 11}" fill="${colour}">${esc(name)}${bad ? ' — NOT FLAT' : ''}</text>`,
        );
    });
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
