import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, type Env } from '@platform/config';
import { HttpCommonModule } from '@platform/http';
import { PersistenceModule } from '@platform/persistence';
import { PortalEnv } from './config';
import { PortalModule } from './portal.module';
import { schemaMigrations } from './schema';
import { SessionEntity } from './session/session.entity';

export interface PortalRuntime {
  env: Env;
}

@Module({})
export class AppModule {
  static forRoot(runtime: PortalRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot('portal', PortalEnv, runtime.env),
        HttpCommonModule,
        PersistenceModule.forRoot({ entities: [SessionEntity], migrations: schemaMigrations }),
        PortalModule,
      ],
    };
  }
}
