import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AppMetrics, LATENCY_BUCKETS } from './app-metrics';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The `route` label of this request's HTTP series when the Fastify route template says too
     * little: the gateway's catch-all `/*` names the service it forwarded to instead.
     */
    metricsRoute: string | null;
  }
}

/** The `route` of requests no route matched (404s): never the raw URL, which is unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

interface Observer {
  observe(value: number): void;
}

/**
 * `http_server_request_duration_seconds{method, route, status_code}`: every answered request by
 * its route *template* (`/usuarios/v0.1/api/usuarios/:id`, never the raw path), so the number of
 * series stays bounded whatever callers send. Label sets are bound once and kept, so a request
 * costs a map lookup and a bucket increment (the gateway is measured against a bare proxy).
 */
export class HttpMetrics {
  private readonly bound = new Map<string, Observer>();
  private readonly duration;

  constructor(metrics: AppMetrics) {
    this.duration = metrics.histogram({
      name: 'http_server_request_duration_seconds',
      help: 'HTTP requests answered, by method, route template and status, with their latency',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: LATENCY_BUCKETS,
    });
  }

  record(method: string, route: string, status: number, seconds: number): void {
    const key = `${status} ${method} ${route}`;
    let observer = this.bound.get(key);
    if (!observer) {
      observer = this.duration.labels(method, route, String(status));
      this.bound.set(key, observer);
    }
    observer.observe(seconds);
  }

  /** Records every request the Fastify instance answers (call before it is ready). */
  install(fastify: FastifyInstance): void {
    fastify.decorateRequest('metricsRoute', null);
    fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
      const route = request.metricsRoute ?? request.routeOptions.url ?? UNMATCHED_ROUTE;
      this.record(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }
}
