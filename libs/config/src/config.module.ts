import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigClass, Env, loadConfig } from './load-config';
import { BaseEnv } from './base-env';
import { ServiceEnv } from './service-env';

/** The service's name, e.g. `users`; used for logs, the outbox source and the consumer group. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');

@Global()
@Module({})
export class ConfigModule {
  /**
   * Provides the validated config under its own class, under `ServiceEnv` and under `BaseEnv`,
   * so shared libs can read the common keys without knowing the app's class.
   */
  static forRoot<T extends ServiceEnv>(
    service: string,
    cls: ConfigClass<T>,
    env: Env | T = process.env,
  ): DynamicModule {
    const config = env instanceof ServiceEnv ? env : loadConfig(cls, env as Env);
    return {
      module: ConfigModule,
      providers: [
        { provide: cls, useValue: config },
        { provide: ServiceEnv, useValue: config },
        { provide: BaseEnv, useValue: config },
        { provide: SERVICE_NAME, useValue: service },
      ],
      exports: [cls, ServiceEnv, BaseEnv, SERVICE_NAME],
    };
  }
}
