import { DynamicModule, Global, Module } from '@nestjs/common';
import { loadConfig } from '@platform/config';
import type { ServiceRuntime } from '@platform/messaging';
import { GatewayAuthEnv } from './auth.config';
import { AuthTransport, rateLimiterFor } from './auth-infrastructure';
import { GatewayAuthenticator } from './authenticator';
import { SecurityEventFeed } from './events/event-feed';
import { SecurityAudit } from './events/security-audit';
import { GatewayAuthLifecycle } from './gateway-auth.lifecycle';
import { SecurityProjections } from './projections/security-projections';
import { ClientRateLimit } from './rate-limit/client-rate-limit';
import { AccessTokenVerifier } from './tokens/access-token-verifier';
import { TokenAuthenticator } from './token-authenticator';

/**
 * Authentication at the gateway (spec §2, §3 revocation): provides `GatewayAuthenticator`.
 * Global, so the proxy module finds it without importing it.
 */
@Global()
@Module({})
export class GatewayAuthModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    const env = loadConfig(GatewayAuthEnv, runtime.env);
    return {
      module: GatewayAuthModule,
      providers: [
        { provide: GatewayAuthEnv, useValue: env },
        { provide: AuthTransport, useFactory: () => AuthTransport.from(env, runtime.bus) },
        SecurityProjections,
        {
          provide: AccessTokenVerifier,
          useFactory: () => AccessTokenVerifier.remote(env.jwksUrl(), { issuer: env.issuer() }),
        },
        {
          provide: SecurityEventFeed,
          inject: [AuthTransport, SecurityProjections],
          useFactory: (t: AuthTransport, p: SecurityProjections) =>
            t.feed(p, env.KAFKA_MAX_WAIT_MS),
        },
        {
          provide: SecurityAudit,
          inject: [AuthTransport],
          useFactory: (t: AuthTransport) => new SecurityAudit(t.auditSender()),
        },
        {
          provide: ClientRateLimit,
          useFactory: () =>
            new ClientRateLimit(
              rateLimiterFor(env),
              env.defaultRateLimit(),
              env.perClientRateLimits(),
            ),
        },
        TokenAuthenticator,
        { provide: GatewayAuthenticator, useExisting: TokenAuthenticator },
        GatewayAuthLifecycle,
      ],
      exports: [
        GatewayAuthenticator,
        TokenAuthenticator,
        SecurityProjections,
        SecurityEventFeed,
        SecurityAudit,
      ],
    };
  }
}
