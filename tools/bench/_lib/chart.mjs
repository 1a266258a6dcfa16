// The chart of docs/benchmarks.md, drawn as plain SVG (no charting dependency): one group per
// result row, a bar for ours and one for the reference measured in the same run (or, for rows
// without a reference, the target), scaled to the larger of the two so the ratio reads at a glance.

const ROW_H = 46;
const LABEL_W = 360;
const BAR_W = 420;
const PAD = 12;

export const esc = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const num = (n) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(n));

/** The number a target such as "≥ 3,000/s" or "p99 ≤ 100 ms" names first, if any. */
export function targetNumber(target) {
  const m = /([\d][\d,]*(?:\.\d+)?)\s*(?:\/s|ms|MB|s\b)/.exec(target ?? '');
  return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

/** The value a row is judged on: its latency p99 for latency rows, else the median. */
export function shown(row, side) {
  const v = side === 'ours' ? row.ours : row.reference;
  if (!v) return undefined;
  return row.unit === 'ms' && v.p99 !== undefined ? v.p99 : v.median;
}

export function chartSvg(rows) {
  const height = PAD * 2 + 24 + rows.length * ROW_H + 24;
  const width = LABEL_W + BAR_W + 140;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${PAD}" y="${PAD + 12}" font-weight="bold">Ours (blue) against the reference measured in the same run (grey) or the target (dashed)</text>`,
  ];
  rows.forEach((r, i) => {
    const y = PAD + 24 + i * ROW_H;
    const ours = shown(r, 'ours');
    const ref = shown(r, 'reference');
    const target = ref === undefined ? targetNumber(r.target) : undefined;
    const other = ref ?? target;
    const scale = Math.max(ours ?? 0, other ?? 0) || 1;
    const w = (v) => Math.max(1, Math.round((v / scale) * BAR_W));
    parts.push(
      `<text x="${PAD}" y="${y + 14}">${esc(r.scenario)}</text>`,
      `<text x="${PAD}" y="${y + 30}" fill="#555">${esc(r.mode)} · ${esc(r.unit)}${r.unit === 'ms' ? ' (p99)' : ''} · ${r.met ? 'target met' : 'target not met'}</text>`,
    );
    if (ours !== undefined && Number.isFinite(ours)) {
      parts.push(
        `<rect x="${LABEL_W}" y="${y + 3}" width="${w(ours)}" height="16" fill="${r.met ? '#2b6cb0' : '#c05621'}"/>`,
        `<text x="${LABEL_W + w(ours) + 6}" y="${y + 15}">${esc(num(ours))} ${esc(r.unit)}</text>`,
      );
    }
    if (ref !== undefined && Number.isFinite(ref)) {
      parts.push(
        `<rect x="${LABEL_W}" y="${y + 22}" width="${w(ref)}" height="16" fill="#a0aec0"/>`,
        `<text x="${LABEL_W + w(ref) + 6}" y="${y + 34}">${esc(num(ref))} ${esc(r.reference.name)}${r.ratio !== null ? ` (ratio ${r.ratio}×)` : ''}</text>`,
      );
    } else if (target !== undefined) {
      parts.push(
        `<rect x="${LABEL_W}" y="${y + 22}" width="${w(target)}" height="16" fill="none" stroke="#4a5568" stroke-dasharray="4 3"/>`,
        `<text x="${LABEL_W + w(target) + 6}" y="${y + 34}">target ${esc(r.target)}</text>`,
      );
    }
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
