// Small statistics and the result contract shared by the benchmark scripts (tools/bench/<area>/*.mjs).
// A script prints, as one line on stdout, `BENCH_RESULT ` + JSON `{ rows: [...] }`; run.mjs collects
// the rows of every script into the table, bench/results.json and docs/benchmarks.md.

/** The p-th percentile (nearest rank) of `values`; NaN when empty. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const median = (values) => percentile(values, 50);

/**
 * Summary of several rounds of one measurement: median, min and max of `value` over the rounds,
 * and the median over the rounds of each round's p50/p99 latency (when the rounds have them).
 */
export function summarize(rounds, value = (r) => r.value) {
  const values = rounds.map(value);
  const s = {
    median: round(median(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
  };
  const p50 = rounds.map((r) => r.p50).filter((v) => Number.isFinite(v));
  const p99 = rounds.map((r) => r.p99).filter((v) => Number.isFinite(v));
  if (p50.length) s.p50 = round(median(p50));
  if (p99.length) s.p99 = round(median(p99));
  return s;
}

export function round(n, digits = 1) {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * One result row. `ratio` is ours/reference for rates (higher is better) and reference/ours for
 * times and sizes, so a ratio above 1 always means "better than the reference".
 */
export function row({
  scenario,
  mode = 'one process',
  unit,
  ours,
  reference = null,
  higherIsBetter,
  target,
  met,
}) {
  let ratio = null;
  if (reference && reference.median > 0 && ours.median > 0) {
    ratio = round(
      higherIsBetter ? ours.median / reference.median : reference.median / ours.median,
      3,
    );
  }
  return {
    scenario,
    mode,
    unit,
    ours,
    reference,
    ratio,
    higherIsBetter,
    target,
    met: Boolean(met),
  };
}

/** Prints the contract line run.mjs reads. */
export function emit(rows) {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ rows })}\n`);
}

/** A progress line on stderr (stdout carries the result line). */
export function progress(area, text) {
  process.stderr.write(`[bench ${area}] ${text}\n`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
