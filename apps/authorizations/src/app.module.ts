import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@platform/config';
import { AuthModule } from '@platform/auth';
import { HttpCommonModule } from '@platform/http';
import { MessagingModule, messagingEntities, messagingMigrations, ServiceRuntime } from '@platform/messaging';
import { PersistenceModule } from '@platform/persistence';
import { authorizationsEntities } from './authorizations.entities';
import { AuthorizationsModule } from './authorizations.module';
import { AuthorizationsEnv } from './config';
import { migrations } from './migrations';

@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot('authorizations', AuthorizationsEnv, runtime.env),
        HttpCommonModule,
        AuthModule,
        PersistenceModule.forRoot({
          entities: [...messagingEntities, ...authorizationsEntities],
          migrations: [...messagingMigrations, ...migrations],
        }),
        MessagingModule.forRoot({ bus: runtime.bus }),
        AuthorizationsModule,
      ],
    };
  }
}
