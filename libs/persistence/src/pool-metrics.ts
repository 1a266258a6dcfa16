import { collectedGauge, type AppMetrics } from '@platform/observability';
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
 * The database pool's use, read from `pg.Pool` at scrape time (OpenTelemetry's
 * `db.client.connection.*` names): connections in use and idle, the pool's ceiling, and queries
 * waiting for a connection — a pool too small for the load shows as waiting > 0.
 */
export function registerPoolMetrics(metrics: AppMetrics, dataSource: DataSource): void {
  collectedGauge(
    metrics,
    {
      name: 'db_client_connections',
      help: 'Connections of the database pool, by state (used, idle)',
      labelNames: ['state'] as const,
    },
    () => {
      const pool = poolOf(dataSource);
      if (!pool) return [];
      return [
        { labels: { state: 'used' }, value: pool.totalCount - pool.idleCount },
        { labels: { state: 'idle' }, value: pool.idleCount },
      ];
    },
  );
  collectedGauge(
    metrics,
    { name: 'db_client_connections_max', help: 'Largest number of connections the pool opens' },
    () => {
      const max = poolOf(dataSource)?.options?.max;
      return max === undefined ? [] : [{ value: max }];
    },
  );
  collectedGauge(
    metrics,
    {
      name: 'db_client_connection_pending_requests',
      help: 'Queries waiting for a free connection of the pool',
    },
    () => {
      const pool = poolOf(dataSource);
      return pool ? [{ value: pool.waitingCount }] : [];
    },
  );
}
