import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@platform/config';
import { AuthModule } from '@platform/auth';
import { HttpCommonModule, IdempotencyModule } from '@platform/http';
import { MessagingModule, messagingEntities, ServiceRuntime } from '@platform/messaging';
import { PersistenceModule } from '@platform/persistence';
import { LicensingEnv } from './config';
import { licensingEntities } from './licensing.entities';
import { LicensingModule } from './licensing.module';
import { schemaMigrations } from './schema';

@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot('licensing', LicensingEnv, runtime.env),
        HttpCommonModule,
        IdempotencyModule.forRoot(), // no create here answers a secret: answers kept as they are
        AuthModule,
        PersistenceModule.forRoot({
          entities: [...messagingEntities, ...licensingEntities],
          migrations: schemaMigrations,
        }),
        MessagingModule.forRoot({ bus: runtime.bus }),
        LicensingModule,
      ],
    };
  }
}
