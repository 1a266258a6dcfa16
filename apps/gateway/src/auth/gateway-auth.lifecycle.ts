import {
  BeforeApplicationShutdown,
  Injectable,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ReadinessRegistry } from '@platform/http';
import type { FastifyInstance } from 'fastify';
import { EndpointCatalogueSync } from '../routing/endpoint-catalogue-sync';
import { AuthTransport } from './auth-infrastructure';
import { AccessUseRecorder } from './events/access-use-recorder';
import { SecurityAudit } from './events/security-audit';
import { SecurityProjections } from './projections/security-projections';
import { ClientRateLimit } from './rate-limit/client-rate-limit';
import { RevocationSync } from './snapshots/revocation-sync';
import { OpenStreams } from './streams/open-streams';

const PRUNE_EVERY_MS = 60_000;
/** Boot waits this long for Redis; past it the gateway starts counting locally (and says so). */
const RATE_LIMIT_STORE_WAIT_MS = 2_000;

/**
 * Starts the revocation sync, the audit and access-use batches and the endpoint catalogue, adds
 * rate-limit headers, and stops them all.
 */
@Injectable()
export class GatewayAuthLifecycle
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private pruner?: NodeJS.Timeout;

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly readiness: ReadinessRegistry,
    private readonly sync: RevocationSync,
    private readonly audit: SecurityAudit,
    private readonly rateLimit: ClientRateLimit,
    private readonly projections: SecurityProjections,
    private readonly transport: AuthTransport,
    private readonly streams: OpenStreams,
    private readonly endpoints: EndpointCatalogueSync,
    private readonly accessUses: AccessUseRecorder,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.rateLimit.ready(RATE_LIMIT_STORE_WAIT_MS);
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', async (request, reply, payload) => {
      const headers = this.rateLimit.takeHeaders(request);
      if (headers && !reply.hasHeader('RateLimit')) void reply.headers(headers);
      return payload;
    });
    this.readiness.register('revocations', () =>
      this.sync.isCaughtUp()
        ? Promise.resolve()
        : Promise.reject(new Error('loading revocations and accesses')),
    );
    this.sync.start();
    this.audit.start();
    this.accessUses.start();
    this.endpoints.start();
    this.pruner = setInterval(() => this.projections.revocations.prune(Date.now()), PRUNE_EVERY_MS);
    this.pruner.unref();
  }

  /** Before the HTTP server closes: it would otherwise wait for every open event stream. */
  beforeApplicationShutdown(): void {
    this.streams.endAll('shutting_down');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.pruner) clearInterval(this.pruner);
    this.endpoints.stop();
    await Promise.allSettled([this.audit.stop(), this.accessUses.stop()]);
    await Promise.allSettled([this.sync.stop(), this.rateLimit.close(), this.transport.close()]);
  }
}
