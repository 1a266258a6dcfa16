import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ReadinessRegistry } from '@platform/http';
import type { FastifyInstance } from 'fastify';
import { AuthTransport } from './auth-infrastructure';
import { SecurityEventFeed } from './events/event-feed';
import { SecurityAudit } from './events/security-audit';
import { SecurityProjections } from './projections/security-projections';
import { ClientRateLimit } from './rate-limit/client-rate-limit';

const PRUNE_EVERY_MS = 60_000;

/** Starts the event feed and the audit batches, adds rate-limit headers, and stops them all. */
@Injectable()
export class GatewayAuthLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('GatewayAuth');
  private pruner?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly readiness: ReadinessRegistry,
    private readonly feed: SecurityEventFeed,
    private readonly audit: SecurityAudit,
    private readonly rateLimit: ClientRateLimit,
    private readonly projections: SecurityProjections,
    private readonly transport: AuthTransport,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', async (request, reply, payload) => {
      const headers = this.rateLimit.takeHeaders(request);
      if (headers && !reply.hasHeader('RateLimit')) void reply.headers(headers);
      return payload;
    });
    this.readiness.register('revocations', () =>
      this.feed.isCaughtUp()
        ? Promise.resolve()
        : Promise.reject(new Error('replaying revocations')),
    );
    this.startFeed(1);
    this.audit.start();
    this.pruner = setInterval(() => this.projections.revocations.prune(Date.now()), PRUNE_EVERY_MS);
    this.pruner.unref();
  }

  /**
   * Never blocks boot: until the feed has caught up, bearer requests get 503 (fail closed). A
   * broker that is down at boot is retried with a growing pause.
   */
  private startFeed(attempt: number): void {
    this.feed.start().catch((e: unknown) => {
      if (this.stopped) return;
      const delay = Math.min(30_000, 1_000 * attempt);
      this.logger.error(
        `security event feed failed (retry in ${delay} ms): ${(e as Error).message}`,
      );
      this.retry = setTimeout(() => this.startFeed(attempt + 1), delay);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.pruner) clearInterval(this.pruner);
    await this.audit.stop();
    await Promise.allSettled([this.feed.stop(), this.rateLimit.close(), this.transport.close()]);
  }
}
