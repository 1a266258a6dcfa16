import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { generateAssertionKeys, type Principal } from '@platform/auth';
import type { FastifyInstance } from 'fastify';
import { request as httpRequest } from 'node:http';
import type { Readable } from 'node:stream';
import { GatewayAuthenticator } from '../../apps/gateway/src/auth/authenticator';
import { createApp } from '../../apps/gateway/src/bootstrap';
import type { RouteRule } from '../../apps/gateway/src/routing/route-table';
import { type FakeService, readAll, startFakeService } from './fake-service';
import { notificationsDoc, serviceA } from './openapi-fixtures';

/**
 * How long the gateway waits on a fake service. Short, so the 504 test is quick, but not so
 * short that a 3 MiB upload on a loaded CI machine (caller, gateway and service share one
 * process) runs past it: at 1 s a CI run saw that upload answered 504.
 */
export const UPSTREAM_TIMEOUT_MS = 3000;

/** The caller every protected request is made as, while `signedIn`. */
export const CALLER: Principal = {
  clientId: 'client-1',
  userId: 'user-1',
  scopes: ['users.suite', 'notifications.suite'],
  tokenId: 'token-1',
  requestId: 'set-by-the-gateway',
};

export interface GatewayHarness {
  base: string;
  gateway: NestFastifyApplication;
  /** Stands in for every service except notifications; answers 299 to anything unrouted. */
  a: FakeService;
  notifications: FakeService;
  keys: { privateKey: string; publicKey: string };
  /** When false, the gateway's own (fail-closed) authenticator decides. */
  signedIn: boolean;
  close(): Promise<void>;
}

/**
 * A gateway built by its real createApp, in front of two fake services. Token checks are not
 * under test here: the authenticator is spied to return CALLER on protected routes.
 */
export async function startGatewayHarness(
  routesOfA: (app: FastifyInstance) => void = () => undefined,
): Promise<GatewayHarness> {
  const a = await startFakeService(serviceA, (app, fake) => {
    app.all('/*', async (req, reply) => {
      const body = await readAll(req.body as Readable | undefined);
      fake.seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      return reply.code(299).header('x-upstream', 'kept').send({ length: body.length });
    });
    routesOfA(app);
  });
  const notifications = await startFakeService(notificationsDoc, (app) => {
    app.get('/notifications/api/messages', async () => ({ items: [] }));
  });
  const keys = generateAssertionKeys();
  const gateway = await createApp({ env: gatewayEnv(keys.privateKey, a.url, notifications.url) });
  const harness: GatewayHarness = {
    base: '',
    gateway,
    a,
    notifications,
    keys,
    signedIn: true,
    close: async () => {
      await gateway.close();
      await a.close();
      await notifications.close().catch(() => undefined);
    },
  };
  const authenticator = gateway.get(GatewayAuthenticator);
  const real = authenticator.authenticate.bind(authenticator);
  jest
    .spyOn(authenticator, 'authenticate')
    .mockImplementation(async (req, route: RouteRule) =>
      harness.signedIn && route.auth.kind !== 'none' ? CALLER : real(req, route),
    );
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  harness.base = await gateway.getUrl();
  return harness;
}

function gatewayEnv(privateKey: string, a: string, notifications: string): Record<string, string> {
  return {
    ASSERTION_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
    PUBLIC_URL: 'https://api.example.test',
    LOG_LEVEL: 'silent',
    UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
    OAUTH_URL: a,
    AUTHORIZATIONS_URL: a,
    LICENSING_URL: a,
    USERS_URL: a,
    NOTIFICATIONS_URL: notifications,
    WEBHOOKS_URL: a,
    AUDIT_URL: a,
  };
}

/**
 * Sends a body with Content-Length (declared) or chunked, with the path exactly as given (a
 * URL string would resolve dot segments first); tolerates the gateway answering early.
 */
export function send(
  base: string,
  method: string,
  path: string,
  body: Buffer,
  declared: boolean,
): Promise<{ status: number; contentType: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = httpRequest({
      hostname,
      port,
      path,
      method,
      headers: {
        'content-type': 'application/octet-stream',
        ...(declared ? { 'content-length': body.length } : { 'transfer-encoding': 'chunked' }),
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']) });
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e),
    );
    if (declared) req.end(body);
    else {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
    }
  });
}
