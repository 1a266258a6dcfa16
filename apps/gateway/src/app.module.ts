import { DynamicModule, Module } from '@nestjs/common';
import { HttpCommonModule } from '@platform/http';
import type { ServiceRuntime } from '@platform/messaging';
import { GatewayAuthModule } from './auth/gateway-auth.module';
import { GatewayConfigModule } from './config.module';
import { DocsModule } from './docs/docs.module';
import { GatewayHealthModule } from './health/health.module';
import { ProxyModule } from './proxy/proxy.module';

/** No database and no bus: the gateway routes, authenticates and documents. */
@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayConfigModule.forRoot(runtime.env),
        HttpCommonModule,
        GatewayHealthModule,
        DocsModule,
        // Who the caller is: verifies tokens, revocations, scopes, contexts and rate limits.
        GatewayAuthModule.forRoot(runtime),
        ProxyModule,
      ],
    };
  }
}
