import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Env } from '@platform/config';
import { HttpCommonModule, REQUEST_ID_HEADER, requestIdOf } from '@platform/http';
import type { ServiceRuntime } from '@platform/messaging';
import type { IncomingMessage, Server } from 'node:http';
import { outboxModules } from '../../apps/gateway/src/app.module';
import { GatewayAuthModule } from '../../apps/gateway/src/auth/gateway-auth.module';
import { GatewayConfigModule } from '../../apps/gateway/src/config.module';
import { GatewayProxy } from '../../apps/gateway/src/proxy/gateway-proxy';
import { ProxyModule } from '../../apps/gateway/src/proxy/proxy.module';

export interface TestGateway {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/**
 * The gateway's authenticating core (config, logging, the outbox when DATABASE_URL is given,
 * GatewayAuthModule, proxy), without the docs and readiness modules that would poll the
 * upstream services.
 */
export async function startGateway(runtime: ServiceRuntime & { env: Env }): Promise<TestGateway> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      GatewayConfigModule.forRoot(runtime.env),
      HttpCommonModule,
      ...outboxModules(runtime),
      GatewayAuthModule.forRoot(runtime),
      ProxyModule,
    ],
  }).compile();
  const adapter = new FastifyAdapter({ genReqId: (req: IncomingMessage) => requestIdOf(req) });
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  const app = moduleRef.createNestApplication<NestFastifyApplication>(adapter, { logger: false });
  app.enableShutdownHooks();
  app.get(GatewayProxy).install(app.getHttpAdapter().getInstance());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
  // A connection the client opened but never used (fetch may open one ahead) is neither idle nor
  // busy to Node: close() would wait for its headers timeout (60 s). Tests do not wait for it.
  const close = async (): Promise<void> => {
    const closing = app.close();
    (app.getHttpServer() as Server).closeAllConnections();
    await closing;
  };
  return { app, url, close };
}

/** The environment of a gateway whose every service is `serviceUrl`. */
export function gatewayEnv(serviceUrl: string, extra: Env): Env {
  const services = [
    'OAUTH',
    'AUTHORIZATIONS',
    'LICENSING',
    'USERS',
    'NOTIFICATIONS',
    'WEBHOOKS',
    'AUDIT',
  ];
  return {
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    UPSTREAM_TIMEOUT_MS: '2000',
    ...Object.fromEntries(services.map((s) => [`${s}_URL`, serviceUrl])),
    ...extra,
  };
}
