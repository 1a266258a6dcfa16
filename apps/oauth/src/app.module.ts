import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@platform/config';
import { AuthModule } from '@platform/auth';
import { HttpCommonModule, IdempotencyModule } from '@platform/http';
import { MessagingModule, messagingEntities, ServiceRuntime } from '@platform/messaging';
import { PersistenceModule } from '@platform/persistence';
import { OauthEnv } from './config';
import { idempotencyCipherFor } from './keys/key-box';
import { oauthEntities } from './entities';
import { schemaMigrations } from './schema';
import { OauthModule } from './oauth.module';

@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot('oauth', OauthEnv, runtime.env),
        HttpCommonModule,
        // Creates here answer a secret once (client_secret, access_token, customer_token): kept sealed.
        IdempotencyModule.forRoot({
          cipher: {
            inject: [OauthEnv],
            useFactory: idempotencyCipherFor,
          },
        }),
        AuthModule,
        PersistenceModule.forRoot({
          entities: [...messagingEntities, ...oauthEntities],
          migrations: schemaMigrations,
        }),
        MessagingModule.forRoot({ bus: runtime.bus }),
        OauthModule,
      ],
    };
  }
}
