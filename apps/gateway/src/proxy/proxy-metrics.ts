import { HttpException, Injectable } from '@nestjs/common';
import { AppMetrics } from '@platform/observability';
import { AuthRefusal } from '../auth/auth-errors';

/** Why the gateway refused a request itself (the authenticator's reasons, and its own checks). */
export type GatewayRefusal = 'no_route' | 'bad_path' | 'body_too_large' | 'error';

/**
 * `gateway_refusals_total{status, reason}`: every request the gateway answered without
 * forwarding it — 401/403/429/503 from authentication (missing, invalid, expired, revoked token,
 * insufficient scope, rate limit…), 404 for paths no route serves, 400 and 413 from its own
 * checks. Label sets are bound on first use: a refusal costs a map lookup and an increment.
 */
@Injectable()
export class ProxyMetrics {
  private readonly refusals;
  private readonly bound = new Map<string, { inc(): void }>();

  constructor(metrics: AppMetrics) {
    this.refusals = metrics.counter({
      name: 'gateway_refusals_total',
      help: 'Requests the gateway refused without forwarding them, by status and reason',
      labelNames: ['status', 'reason'] as const,
    });
  }

  refused(status: number, reason: string): void {
    const key = `${status} ${reason}`;
    let counter = this.bound.get(key);
    if (!counter) {
      counter = this.refusals.labels(String(status), reason);
      this.bound.set(key, counter);
    }
    counter.inc();
  }

  /** An error the authenticator threw: its recorded reason when it has one. */
  authRefused(error: unknown): void {
    if (error instanceof AuthRefusal) return this.refused(error.getStatus(), error.reason);
    const status = error instanceof HttpException ? error.getStatus() : 500;
    this.refused(status, 'error' satisfies GatewayRefusal);
  }
}
