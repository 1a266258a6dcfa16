import { DynamicModule, Module } from '@nestjs/common';
import { HttpCommonModule } from '@platform/http';
import type { ServiceRuntime } from '@platform/messaging';
import { GatewayConfigModule } from './config.module';
import { DocsModule } from './docs/docs.module';
import { GatewayHealthModule } from './health/health.module';
import { ProxyModule } from './proxy/proxy.module';
import { UnauthenticatedGatewayModule } from './proxy/unauthenticated-gateway.module';

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
        // Who the caller is: swap for GatewayAuthModule.forRoot(runtime) (./auth) to verify tokens.
        UnauthenticatedGatewayModule,
        ProxyModule,
      ],
    };
  }
}
