import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@platform/config';
import { AuthModule } from '@platform/auth';
import { HttpCommonModule } from '@platform/http';
import { MessagingModule, messagingEntities, messagingMigrations, ServiceRuntime } from '@platform/messaging';
import { PersistenceModule } from '@platform/persistence';
import { OauthEnv } from './config';
import { oauthEntities } from './entities';
import { migrations } from './migrations';
import { OauthModule } from './oauth.module';

@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot('oauth', OauthEnv, runtime.env),
        HttpCommonModule,
        AuthModule,
        PersistenceModule.forRoot({
          entities: [...messagingEntities, ...oauthEntities],
          migrations: [...messagingMigrations, ...migrations],
        }),
        MessagingModule.forRoot({ bus: runtime.bus }),
        OauthModule,
      ],
    };
  }
}
