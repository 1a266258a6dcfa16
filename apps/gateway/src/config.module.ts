import { DynamicModule, Global, Module } from '@nestjs/common';
import { BaseEnv, Env, loadConfig, SERVICE_NAME } from '@platform/config';
import { GatewayEnv } from './config';

export const GATEWAY = 'gateway';

/**
 * The gateway's own config module. `@platform/config`'s ConfigModule takes a ServiceEnv
 * (which requires DATABASE_URL and an assertion public key); the gateway's database is optional
 * outside production and it signs assertions instead. The shared libraries read the keys every
 * app has (the logger LOG_LEVEL, `listen` PORT and HOST, persistence and messaging DATABASE_URL,
 * MIGRATIONS_RUN and the Kafka keys) under `BaseEnv`, which GatewayEnv extends.
 */
@Global()
@Module({})
export class GatewayConfigModule {
  static forRoot(env: Env): DynamicModule {
    const config = loadConfig(GatewayEnv, env);
    return {
      module: GatewayConfigModule,
      providers: [
        { provide: GatewayEnv, useValue: config },
        { provide: BaseEnv, useValue: config },
        { provide: SERVICE_NAME, useValue: GATEWAY },
      ],
      exports: [GatewayEnv, BaseEnv, SERVICE_NAME],
    };
  }
}
