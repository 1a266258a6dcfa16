import { DynamicModule, Module } from '@nestjs/common';
import { HttpCommonModule } from '@platform/http';
import {
  MessagingModule,
  messagingEntities,
  messagingMigrations,
  type ServiceRuntime,
} from '@platform/messaging';
import { PersistenceModule } from '@platform/persistence';
import { GatewayAuthModule } from './auth/gateway-auth.module';
import { GatewayConfigModule } from './config.module';
import { DocsModule } from './docs/docs.module';
import { GatewayHealthModule } from './health/health.module';
import { ProxyModule } from './proxy/proxy.module';

/**
 * The gateway routes, authenticates and documents. Its database (DATABASE_URL) holds only the
 * messaging tables: refusals go out through the outbox like any event (ADR 0009).
 */
@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayConfigModule.forRoot(runtime.env),
        HttpCommonModule,
        ...(runtime.env['DATABASE_URL'] ? outbox(runtime) : []),
        GatewayHealthModule,
        DocsModule,
        // Who the caller is: verifies tokens, revocations, scopes, contexts and rate limits.
        GatewayAuthModule.forRoot(runtime),
        ProxyModule,
      ],
    };
  }
}

/** Persistence and messaging for the outbox of refusals; no handlers, so no consumer group. */
function outbox(runtime: ServiceRuntime): DynamicModule[] {
  return [
    PersistenceModule.forRoot({
      entities: messagingEntities,
      migrations: messagingMigrations,
      poolSize: 4,
    }),
    MessagingModule.forRoot({ bus: runtime.bus }),
  ];
}
