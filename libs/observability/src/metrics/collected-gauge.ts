import type { Gauge } from 'prom-client';
import type { AppMetrics } from './app-metrics';

export interface GaugeSample<T extends string> {
  labels?: Partial<Record<T, string>>;
  value: number;
}

/**
 * A gauge read when Prometheus scrapes (a backlog counted in the database, a pool's state), so
 * nothing is polled between scrapes. Scrapes that overlap share one read. A failed read removes
 * the series from that scrape rather than repeating a stale value (an absent series is unknown,
 * not zero) and never fails the whole scrape.
 */
export function collectedGauge<T extends string>(
  metrics: AppMetrics,
  config: { name: string; help: string; labelNames?: readonly T[] },
  read: () => Promise<GaugeSample<T>[]> | GaugeSample<T>[],
): Gauge<T> {
  let reading: Promise<void> | undefined;
  return metrics.gauge<T>({
    ...config,
    collect(this: Gauge<T>) {
      reading ??= Promise.resolve()
        .then(read)
        .then(
          (samples) => {
            this.reset();
            for (const s of samples) {
              if (s.labels) this.set(s.labels, s.value);
              else this.set(s.value);
            }
          },
          () => this.reset(),
        )
        .finally(() => (reading = undefined));
      return reading;
    },
  });
}
