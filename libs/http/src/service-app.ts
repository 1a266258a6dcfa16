import { INestApplication, Logger as NestLogger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ServiceEnv } from '@platform/config';
import { ProblemFilter } from './problem/problem.filter';
import { createValidationPipe } from './problem/validation';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import { acceptEmptyJsonBodies, parseQueryString } from './request-parsing';

export const JSON_BODY_LIMIT = 1024 * 1024;

export interface ServiceAppOptions {
  /** Largest request body accepted, in bytes (JSON default 1 MiB; 413 above). */
  bodyLimit?: number;
  /** Title and version of the OpenAPI document served at `/openapi.json`. */
  openapi?: { title: string; version?: string; description?: string };
}

/**
 * Creates a NestJS app on Fastify with the conventions every service shares: request ids
 * (taken from `x-request-id` or made, echoed back), structured pino logs, body limits,
 * the validation pipe, problem+json errors and its OpenAPI document.
 */
export async function createServiceApp(
  module: Type<unknown> | ReturnType<typeof Object>,
  options: ServiceAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? JSON_BODY_LIMIT,
    genReqId: (req: import('node:http').IncomingMessage) => requestIdOf(req),
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true, querystringParser: parseQueryString },
  });
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as Type<unknown>, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  acceptEmptyJsonBodies(adapter);
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  if (options.openapi) {
    const document = buildOpenApi(app, options.openapi);
    const fastify = app.getHttpAdapter().getInstance();
    fastify.get('/openapi.json', async () => document);
  }
  return app;
}

export function buildOpenApi(
  app: INestApplication,
  meta: NonNullable<ServiceAppOptions['openapi']>,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(meta.title)
    .setVersion(meta.version ?? '0.1.0')
    .setDescription(meta.description ?? '')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Listens on the configured host and port and logs where. */
export async function listen(app: NestFastifyApplication, service: string): Promise<string> {
  const config = app.get(ServiceEnv);
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = await app.getUrl();
  new NestLogger(service).log(`listening on ${url}`);
  return url;
}
