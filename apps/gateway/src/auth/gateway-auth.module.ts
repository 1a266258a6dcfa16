import { DynamicModule, Global, Module } from '@nestjs/common';
import { AssertionSigner } from '@platform/auth';
import { OutboxPublisher, type ServiceRuntime } from '@platform/messaging';
import { AccessUsed, SecurityDecision, Topics } from '@platform/contracts';
import { DataSource } from 'typeorm';
import { OpenApiCatalog } from '../docs/openapi-catalog';
import { EndpointCatalogue } from '../routing/endpoint-catalogue';
import { EndpointCatalogueSync } from '../routing/endpoint-catalogue-sync';
import { AuthTransport, rateLimiterFor } from './auth-infrastructure';
import { GatewayAuthenticator } from './authenticator';
import { AccessUseRecorder } from './events/access-use-recorder';
import { outboxSender } from './events/gateway-outbox.repository';
import { SecurityEventFeed } from './events/event-feed';
import { SecurityAudit } from './events/security-audit';
import { GatewayAuthLifecycle } from './gateway-auth.lifecycle';
import { SecurityProjections } from './projections/security-projections';
import { ClientRateLimit } from './rate-limit/client-rate-limit';
import { OwnerSnapshots } from './snapshots/owner-snapshots';
import { RevocationSync } from './snapshots/revocation-sync';
import { OpenStreams } from './streams/open-streams';
import { GatewayEnv } from '../config';
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
    return {
      module: GatewayAuthModule,
      providers: [
        {
          provide: AuthTransport,
          inject: [GatewayEnv],
          useFactory: (env: GatewayEnv) => AuthTransport.from(env, runtime.bus),
        },
        SecurityProjections,
        {
          provide: AccessTokenVerifier,
          inject: [GatewayEnv],
          useFactory: (env: GatewayEnv) =>
            AccessTokenVerifier.remote(env.jwksUrl(), { issuer: env.issuer() }),
        },
        {
          provide: SecurityEventFeed,
          inject: [AuthTransport, SecurityProjections, GatewayEnv],
          useFactory: (t: AuthTransport, p: SecurityProjections, env: GatewayEnv) =>
            t.feed(p, env.KAFKA_MAX_WAIT_MS),
        },
        {
          provide: RevocationSync,
          inject: [SecurityEventFeed, SecurityProjections, GatewayEnv],
          useFactory: (feed: SecurityEventFeed, p: SecurityProjections, config: GatewayEnv) => {
            const urls = config.serviceUrls();
            const signer = new AssertionSigner(config.ASSERTION_PRIVATE_KEY);
            return new RevocationSync(feed, new OwnerSnapshots(urls, signer, p));
          },
        },
        {
          provide: SecurityAudit,
          inject: [
            AuthTransport,
            { token: DataSource, optional: true },
            { token: OutboxPublisher, optional: true },
          ],
          useFactory: (t: AuthTransport, db?: DataSource, outbox?: OutboxPublisher) =>
            db && outbox
              ? new SecurityAudit(outboxSender(db, outbox, SecurityDecision), 'outbox')
              : new SecurityAudit(t.auditSender(), 'direct'),
        },
        {
          provide: AccessUseRecorder,
          inject: [
            AuthTransport,
            { token: DataSource, optional: true },
            { token: OutboxPublisher, optional: true },
          ],
          useFactory: (t: AuthTransport, db?: DataSource, outbox?: OutboxPublisher) =>
            new AccessUseRecorder(
              db && outbox ? outboxSender(db, outbox, AccessUsed) : t.directSender(Topics.Accesses),
            ),
        },
        OpenApiCatalog,
        { provide: EndpointCatalogue, useFactory: () => new EndpointCatalogue() },
        {
          provide: EndpointCatalogueSync,
          inject: [OpenApiCatalog, EndpointCatalogue],
          useFactory: (docs: OpenApiCatalog, c: EndpointCatalogue) =>
            new EndpointCatalogueSync(docs, c),
        },
        {
          provide: ClientRateLimit,
          inject: [GatewayEnv],
          useFactory: (env: GatewayEnv) =>
            new ClientRateLimit(
              rateLimiterFor(env),
              env.defaultRateLimit(),
              env.perClientRateLimits(),
            ),
        },
        {
          provide: OpenStreams,
          inject: [SecurityProjections],
          useFactory: (p: SecurityProjections) => new OpenStreams(p),
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
        RevocationSync,
        OpenStreams,
        SecurityAudit,
        OpenApiCatalog,
        EndpointCatalogue,
        AccessUseRecorder,
      ],
    };
  }
}
