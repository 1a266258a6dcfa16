import { DynamicModule, Module } from '@nestjs/common';
import { HttpCommonModule } from '@platform/http';
import { MessagingModule, messagingEntities, type ServiceRuntime } from '@platform/messaging';
import { PersistenceModule } from '@platform/persistence';
import { GatewayAuthModule } from './auth/gateway-auth.module';
import { GatewayConfigModule } from './config.module';
import { DocsModule } from './docs/docs.module';
import { GatewayHealthModule } from './health/health.module';
import { GatewayMetricsModule } from './metrics/gateway-metrics.module';
import { ProxyModule } from './proxy/proxy.module';
import { schemaMigrations } from './schema';

/**
 * The gateway routes, authenticates and documents. Its database (DATABASE_URL) holds only the
 * messaging tables: refusals go out through the outbox like any event (ADR 0013).
 */
@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayConfigModule.forRoot(runtime.env),
        HttpCommonModule,
        ...outboxModules(runtime),
        GatewayHealthModule,
        GatewayMetricsModule,
        DocsModule,
        // Who the caller is: verifies tokens, revocations, scopes, contexts and rate limits.
        GatewayAuthModule.forRoot(runtime),
        ProxyModule,
      ],
    };
  }
}

/**
 * With DATABASE_URL: persistence and messaging for the outbox of refusals (no handlers, so no
 * consumer group). Without it (development only), none.
 */
export function outboxModules(runtime: ServiceRuntime): DynamicModule[] {
  if (!runtime.env['DATABASE_URL']) return [];
  return [
    PersistenceModule.forRoot({
      entities: messagingEntities,
      migrations: schemaMigrations,
      poolSize: 4,
    }),
    MessagingModule.forRoot({ bus: runtime.bus }),
  ];
}
