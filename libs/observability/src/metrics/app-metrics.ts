import {
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  type Metric,
  Registry,
} from 'prom-client';
import { processMetrics } from './process-metrics';

type Config<C> = Omit<C, 'registers'>;

/**
 * The Prometheus registry of one app. Not prom-client's global default: under `npm start` eight
 * apps share one process, and each app's `/metrics` must show its own series only. Every series
 * carries `service="<app>"`. Process and runtime series (CPU, memory, event loop, GC) are the
 * process's, collected once per process and appended to every app's scrape (see docs).
 *
 * Metrics are made through `counter`/`gauge`/`histogram`, which return the one already registered
 * under that name: two components of an app may declare the same series.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly snapshots: (() => void)[] = [];

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    // Started with the first app, not the first scrape: the CPU counters count from here.
    processMetrics();
  }

  counter<T extends string>(config: Config<CounterConfiguration<T>>): Counter<T> {
    return this.existing(config.name) ?? new Counter({ ...config, registers: [this.registry] });
  }

  gauge<T extends string>(config: Config<GaugeConfiguration<T>>): Gauge<T> {
    return this.existing(config.name) ?? new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<T extends string>(config: Config<HistogramConfiguration<T>>): Histogram<T> {
    return this.existing(config.name) ?? new Histogram({ ...config, registers: [this.registry] });
  }

  /**
   * Runs `read` at the start of every scrape, before any series is collected: for state that the
   * scrape itself would disturb (the database pool, which the scrape's own queries use).
   */
  beforeScrape(read: () => void): void {
    this.snapshots.push(read);
  }

  /** The Prometheus text exposition: this app's series, then the process's. */
  async scrape(): Promise<string> {
    for (const read of this.snapshots) read();
    const own = await this.registry.metrics();
    return own + (await processMetrics().metrics());
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private existing<M extends Metric<string>>(name: string): M | undefined {
    return this.registry.getSingleMetric(name) as M | undefined;
  }
}

/** Latency buckets (seconds) for requests and deliveries: 5 ms to 30 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
