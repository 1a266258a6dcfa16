import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@platform/config';
import { AuthModule } from '@platform/auth';
import { HttpCommonModule, IdempotencyModule } from '@platform/http';
import { MessagingModule, messagingEntities, ServiceRuntime } from '@platform/messaging';
import { PersistenceModule } from '@platform/persistence';
import { UsersEnv } from './config';
import { schemaMigrations } from './schema';
import { UserPhotoEntity } from './usuarios/photo/photo.entity';
import { UserEntity } from './usuarios/user.entity';
import { UsersModule } from './users.module';

@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot('users', UsersEnv, runtime.env),
        HttpCommonModule,
        IdempotencyModule.forRoot(), // no create here answers a secret: answers kept as they are
        AuthModule,
        PersistenceModule.forRoot({
          entities: [...messagingEntities, UserEntity, UserPhotoEntity],
          migrations: schemaMigrations,
        }),
        MessagingModule.forRoot({ bus: runtime.bus }),
        UsersModule,
      ],
    };
  }
}
