import { Client } from 'pg';
import type { Cluster } from '../chaos/cluster';
import type { Sample } from './flatness';

/** The series of an app's Prometheus text that the soak watches, by exposition name. */
const WATCHED = {
  process_resident_memory_bytes: 'rssMb',
  nodejs_heap_size_used_bytes: 'heapMb',
  nodejs_eventloop_lag_p99_seconds: 'eventLoopP99Ms',
  nodejs_active_resources_total: 'activeResources',
  messaging_outbox_oldest_age_seconds: 'outboxAgeS',
} as const;
const SCALE: Record<string, number> = {
  rssMb: 1 / 2 ** 20,
  heapMb: 1 / 2 ** 20,
  eventLoopP99Ms: 1000,
  activeResources: 1,
  outboxAgeS: 1,
};

/**
 * Pulls the watched series out of a Prometheus text exposition. Unlabelled or labelled with the
 * app's `service` only, each appears once per scrape (process series once per process).
 */
export function parseMetrics(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const key = WATCHED[m[1] as keyof typeof WATCHED];
    const value = Number(m[2]);
    if (key && Number.isFinite(value)) out[key] = Math.round(value * (SCALE[key] ?? 1) * 10) / 10;
  }
  return out;
}

/**
 * One sample of the whole cluster: each app's watched series (its `/metrics`) and each
 * database's client connections (`pg_stat_activity`, this sampler's own left out).
 */
export async function sampleCluster(cluster: Cluster, t: number): Promise<Sample> {
  const apps: Sample['apps'] = {};
  await Promise.all(
    cluster.apps.map(async (a) => {
      const text = await fetch(a.metricsUrl, { signal: AbortSignal.timeout(3_000) }).then(
        (r) => (r.ok ? r.text() : ''),
        () => '',
      );
      if (text) apps[a.name] = parseMetrics(text);
    }),
  );
  return { t, apps, connections: await connectionsByDatabase(cluster.pg.adminUrl) };
}

async function connectionsByDatabase(adminUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: adminUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ datname: string; n: number }>(
      `SELECT datname, count(*)::int AS n FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname IS NOT NULL
        GROUP BY datname`,
    );
    return Object.fromEntries(rows.map((r) => [r.datname, r.n]));
  } catch {
    return {};
  } finally {
    await client.end().catch(() => undefined);
  }
}
