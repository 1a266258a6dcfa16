/** One sample: ms since the load started, each app's watched series, each database's connections. */
export interface Sample {
  t: number;
  apps: Record<string, Partial<Record<Measure, number>>>;
  connections: Record<string, number>;
}

export type Measure = 'rssMb' | 'heapMb' | 'eventLoopP99Ms' | 'activeResources' | 'outboxAgeS';

export interface Verdict {
  series: string;
  /** What is compared: the median or the maximum of each third. */
  statistic: 'median' | 'max';
  first: number;
  last: number;
  /** The most `last` may be. */
  limit: number;
  flat: boolean;
}

/**
 * How much a series may rise from the first third of the judged run to the last one, and why:
 *
 * - memory (RSS, heap used), median of each third: the heap saw-tooths with every GC, a median over
 *   a third of the run does not; a rise of 15 % (RSS) / 20 % (heap), or 16 / 8 MB for a small
 *   process, is more than caches settling and less than a leak of one object per request.
 * - event-loop delay p99, median: 2× and at least +20 ms — the machine is shared, and a loop that
 *   slows with time (a growing list walked per request) doubles long before 30 minutes are up.
 * - active resources (sockets, timers, handles…), median: +25 % and +10 — they come and go with
 *   the requests in flight; a leak of one per request adds thousands.
 * - database connections, maximum: +2 — pools are bounded, more means connections not returned.
 * - outbox lag (the oldest unpublished event's age), maximum: the first third's plus 2 s, and
 *   never over 10 s — a relay that keeps up publishes within its poll interval.
 */
const RULES: Record<
  Measure | 'connections',
  { statistic: 'median' | 'max'; limit: (first: number) => number }
> = {
  rssMb: { statistic: 'median', limit: (f) => f + Math.max(16, f * 0.15) },
  heapMb: { statistic: 'median', limit: (f) => f + Math.max(8, f * 0.2) },
  eventLoopP99Ms: { statistic: 'median', limit: (f) => Math.max(f * 2, f + 20) },
  activeResources: { statistic: 'median', limit: (f) => f * 1.25 + 10 },
  connections: { statistic: 'max', limit: (f) => f + 2 },
  outboxAgeS: { statistic: 'max', limit: (f) => Math.min(10, f + 2) },
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** Each series of the samples after `warmupMs`, its first third against its last third. */
export function flatness(samples: Sample[], warmupMs: number): Verdict[] {
  const judged = samples.filter((s) => s.t >= warmupMs);
  if (judged.length < 6) throw new Error(`too few samples after the warm-up: ${judged.length}`);
  const from = (judged[0] as Sample).t;
  const span = (judged[judged.length - 1] as Sample).t - from;
  const first = judged.filter((s) => s.t <= from + span / 3);
  const last = judged.filter((s) => s.t >= from + (2 * span) / 3);

  const series = new Map<
    string,
    { rule: Measure | 'connections'; read: (s: Sample) => number | undefined }
  >();
  for (const s of judged) {
    for (const [app, values] of Object.entries(s.apps))
      for (const measure of Object.keys(values) as Measure[])
        series.set(`${app} ${measure}`, { rule: measure, read: (x) => x.apps[app]?.[measure] });
    for (const db of Object.keys(s.connections))
      series.set(`db ${db} connections`, {
        rule: 'connections',
        read: (x) => x.connections[db] ?? 0,
      });
  }

  const verdicts: Verdict[] = [];
  for (const [name, { rule, read }] of series) {
    const { statistic, limit } = RULES[rule];
    const values = (part: Sample[]) =>
      part.map(read).filter((v): v is number => v !== undefined && Number.isFinite(v));
    const a = values(first);
    const b = values(last);
    if (a.length === 0 || b.length === 0) continue;
    const stat = statistic === 'median' ? median : (xs: number[]) => Math.max(...xs);
    const f = round(stat(a));
    const l = round(stat(b));
    const max = round(limit(f));
    verdicts.push({ series: name, statistic, first: f, last: l, limit: max, flat: l <= max });
  }
  return verdicts;
}
