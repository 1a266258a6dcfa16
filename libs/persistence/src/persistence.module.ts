import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { ServiceEnv, SERVICE_NAME } from '@platform/config';
import { ReadinessRegistry } from '@platform/http';
import {
  MigrationList,
  migrationOptions,
  PendingMigrationsError,
  prepareSchema,
} from './migrations';

type EntityList = MixedList<string | (new () => unknown) | EntitySchema>;

export interface PersistenceOptions {
  entities: EntityList;
  migrations: MigrationList;
  /** Pool size per instance. */
  poolSize?: number;
}

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
  ) {}

  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ServiceEnv, SERVICE_NAME],
          useFactory: (config: ServiceEnv, service: string) => ({
            ...migrationOptions(config.DATABASE_URL, service, options.migrations),
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
            return ds;
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
  }
}
