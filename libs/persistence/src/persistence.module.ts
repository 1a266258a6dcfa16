import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { BaseEnv, SERVICE_NAME } from '@platform/config';
import { ReadinessRegistry } from '@platform/http';
import { AppMetrics } from '@platform/observability';
import {
  MigrationList,
  migrationOptions,
  PendingMigrationsError,
  prepareSchema,
} from './migrations';
import { registerPoolMetrics } from './pool-metrics';

type EntityList = MixedList<string | (new () => unknown) | EntitySchema>;

export interface PersistenceOptions {
  entities: EntityList;
  migrations: MigrationList;
  /** Pool size per instance. */
  poolSize?: number;
  /**
   * A role the service's own queries run as (`-c role=…` at connection start, so a connection
   * that cannot take it fails instead of running unrestricted), e.g. one that may only append to
   * an audit table. Migrations still run as the connecting user, before the switch.
   */
  sessionRole?: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * TypeORM on the service's own Postgres database (`DATABASE_URL`). Schema changes come only
 * from migrations, applied at boot under an advisory lock (`MIGRATIONS_RUN=true`, the default) or
 * by `npm run migrate` as a deployment step; `synchronize` is never used.
 */
@Module({})
export class PersistenceModule implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: AppMetrics,
  ) {}

  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [BaseEnv, SERVICE_NAME],
          useFactory: (config: BaseEnv, service: string) => ({
            ...migrationOptions(databaseUrl(config, service), service, options.migrations),
            entities: options.entities,
            // Read back by dataSourceFactory, which honours it under the lock instead of TypeORM.
            migrationsRun: config.migrationsRun,
            extra: { max: options.poolSize ?? 10 },
            // A pending migration will not go away by retrying; a database that is down may.
            toRetry: (e: unknown) => !(e instanceof PendingMigrationsError),
          }),
          dataSourceFactory: async (dsOptions) => {
            if (dsOptions?.type !== 'postgres')
              throw new Error('a postgres data source is expected');
            const ds = await new DataSource({ ...dsOptions, migrationsRun: false }).initialize();
            const service = String(dsOptions.applicationName);
            await prepareSchema(ds, service, dsOptions.migrationsRun !== false).catch(
              async (e: unknown) => {
                await ds.destroy();
                throw e;
              },
            );
            if (!options.sessionRole) return ds;
            await ds.destroy();
            // migrationsRun off: the role may not even read the migrations table.
            const runtime = { ...dsOptions, migrationsRun: false } as DataSourceOptions;
            return new DataSource(withSessionRole(runtime, options.sessionRole)).initialize();
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }

  onModuleInit(): void {
    this.readiness.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
    registerPoolMetrics(this.metrics, this.dataSource);
  }
}

function withSessionRole(options: DataSourceOptions, role: string): DataSourceOptions {
  if (!ROLE_NAME.test(role)) throw new Error(`not a role name: ${role}`);
  const extra = (options.extra ?? {}) as Record<string, unknown>;
  return { ...options, extra: { ...extra, options: `-c role=${role}` } } as DataSourceOptions;
}

/** ServiceEnv requires it; the gateway imports this module only when it is set. */
function databaseUrl(config: BaseEnv, service: string): string {
  if (!config.DATABASE_URL) throw new Error(`${service}: DATABASE_URL is not set`);
  return config.DATABASE_URL;
}
