import { DynamicModule, Global, Module } from '@nestjs/common';
import { Env, loadConfig, SERVICE_NAME, ServiceEnv } from '@platform/config';
import { GatewayEnv } from './config';

export const GATEWAY = 'gateway';

/**
 * The gateway's own config module. `@platform/config`'s ConfigModule takes a ServiceEnv
 * (which requires DATABASE_URL); the gateway's database is optional outside production. Shared
 * libraries still look the config up under `ServiceEnv` (the logger reads LOG_LEVEL, `listen`
 * PORT and HOST, persistence and messaging DATABASE_URL and the Kafka keys), so the same object
 * is offered under that token: it has every key those libraries read.
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
        { provide: ServiceEnv, useValue: config },
        { provide: SERVICE_NAME, useValue: GATEWAY },
      ],
      exports: [GatewayEnv, ServiceEnv, SERVICE_NAME],
    };
  }
}
