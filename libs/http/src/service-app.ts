import { Logger as NestLogger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { trace } from '@opentelemetry/api';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { BaseEnv, SERVICE_NAME } from '@platform/config';
import { AppMetrics, HttpMetrics, serveMetrics } from '@platform/observability';
import { flushTracing, tracingEnabled } from '@platform/tracing';
import { WellFormedInputGuard } from './input/well-formed-input.guard';
import { buildOpenApi, type OpenApiOptions } from './openapi/build-openapi';
import { frameworkErrorReply, ProblemFilter } from './problem/problem.filter';
import { createValidationPipe } from './problem/validation';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import { parseQueryString, registerBodyParsers } from './request-parsing';
import { TrustedProxies } from './trusted-proxies';

export const JSON_BODY_LIMIT = 1024 * 1024;

export interface ServiceAppOptions {
  /** Largest request body accepted, in bytes (JSON default 1 MiB; 413 above). */
  bodyLimit?: number;
  /** Title, version and plugin metadata of the OpenAPI document served at `/openapi.json`. */
  openapi?: OpenApiOptions;
  /**
   * Serve `GET /metrics` on the app's port (default). The gateway, whose port is public, says
   * false and serves its metrics on a listener of its own.
   */
  metricsOnAppPort?: boolean;
}

/**
 * Creates a NestJS app on Fastify with the conventions every service shares: request ids
 * (taken from `x-request-id` or made, echoed back), structured pino logs, body limits, strict
 * decoding of queries and bodies, the refusal of strings the database cannot hold, the
 * validation pipe, problem+json errors, client addresses from `X-Forwarded-For` only when
 * a trusted proxy sent it, its OpenAPI document, its HTTP metrics and `GET /metrics`.
 */
export async function createServiceApp(
  module: Type<unknown> | ReturnType<typeof Object>,
  options: ServiceAppOptions = {},
): Promise<NestFastifyApplication> {
  const proxies = new TrustedProxies();
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? JSON_BODY_LIMIT,
    genReqId: (req: import('node:http').IncomingMessage) => requestIdOf(req),
    trustProxy: proxies.check,
    routerOptions: { ignoreTrailingSlash: true, querystringParser: parseQueryString },
    frameworkErrors: frameworkErrorReply,
  });
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as Type<unknown>, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  // The config exists only once the module is built; until then no proxy is trusted. The
  // gateway's config trusts none (BaseEnv): it is the edge.
  proxies.trust(app.get(BaseEnv).trustedProxies);
  registerBodyParsers(adapter);
  observe(app, options.metricsOnAppPort ?? true);
  app.useLogger(app.get(Logger));
  app.useGlobalGuards(new WellFormedInputGuard());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  if (options.openapi) {
    const document = await buildOpenApi(app, options.openapi);
    const fastify = app.getHttpAdapter().getInstance();
    fastify.get('/openapi.json', async () => document);
  }
  return app;
}

/** HTTP metrics for every request, `/metrics`, and (tracing on) spans named after the app. */
function observe(app: NestFastifyApplication, metricsOnAppPort: boolean): void {
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(AppMetrics);
  new HttpMetrics(metrics).install(fastify);
  if (metricsOnAppPort) serveMetrics(fastify, metrics);
  if (!tracingEnabled()) return;
  // Under `npm start` one SDK (one service.name) serves every app: the span says which app.
  const service: string = app.get(SERVICE_NAME);
  fastify.addHook('onRequest', (_request, _reply, done) => {
    trace.getActiveSpan()?.setAttribute('platform.service', service);
    done();
  });
  fastify.addHook('onClose', () => flushTracing());
}

/** Listens on the configured host and port and logs where. */
export async function listen(app: NestFastifyApplication, service: string): Promise<string> {
  const config = app.get(BaseEnv);
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = await app.getUrl();
  new NestLogger(service).log(`listening on ${url}`);
  return url;
}
