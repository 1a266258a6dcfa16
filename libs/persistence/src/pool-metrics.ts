import type { AppMetrics } from '@platform/observability';
import type { DataSource } from 'typeorm';

/** What `pg.Pool` tells about itself (TypeORM's postgres driver keeps it as `master`). */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

function poolOf(dataSource: DataSource): PgPool | undefined {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  return pool && typeof pool.totalCount === 'number' ? pool : undefined;
}

/**
 * The database pool's use (OpenTelemetry's `db.client.connection.*` names): connections in use
 * and idle, the pool's ceiling, and queries waiting for a connection — a pool too small for the
 * load shows as waiting > 0. Read from `pg.Pool` when a scrape starts, before the scrape's own
 * queries (the outbox backlog) take a connection.
 */
export function registerPoolMetrics(metrics: AppMetrics, dataSource: DataSource): void {
  const connections = metrics.gauge({
    name: 'db_client_connections',
    help: 'Connections of the database pool, by state (used, idle)',
    labelNames: ['state'] as const,
  });
  const max = metrics.gauge({
    name: 'db_client_connections_max',
    help: 'Largest number of connections the pool opens',
  });
  const pending = metrics.gauge({
    name: 'db_client_connection_pending_requests',
    help: 'Queries waiting for a free connection of the pool',
  });
  metrics.beforeScrape(() => {
    const pool = poolOf(dataSource);
    if (!pool) return;
    connections.set({ state: 'used' }, pool.totalCount - pool.idleCount);
    connections.set({ state: 'idle' }, pool.idleCount);
    pending.set(pool.waitingCount);
    if (pool.options?.max !== undefined) max.set(pool.options.max);
  });
}
