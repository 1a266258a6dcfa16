import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { requestFaults } from '@platform/http';
import { sendOAuthError } from '../errors/oauth-error.filter';
import { TokenEndpoint } from './token-endpoint';
import { TokenRequestCounter } from './token-metrics.interceptor';

export const TOKEN_PATH = '/auth/oauth2/token';

/**
 * `POST /auth/oauth2/token` (RFC 6749 §3.2) served by a plain Fastify handler rather than through
 * Nest's router (ADR 0024). The answer is the one the Nest route gave: the global input check
 * (strings the database cannot hold, badly encoded form fields) as `invalid_request`, every error
 * rendered by the OAuth error filter's own function (RFC 6749 §5.2 JSON, `WWW-Authenticate` on
 * `invalid_client`, `Retry-After` on a throttle, 503 when a dependency is out), `Cache-Control:
 * no-store`, and `oauth_token_requests_total` counted as the interceptor counts it. What is left
 * out is Nest's per-request machinery: execution context, guards by reflection (the route is
 * public; the assertion guard would let it through), the validation pipe (the body is a plain
 * form, validated by the grants), and the interceptor's and filter's observables.
 *
 * The controller keeps the route, so the OpenAPI document and `app.init()` stay as they were;
 * `installTokenRoute` swaps the Fastify handler of that one route when Nest registers it.
 */
@Injectable()
export class TokenRoute {
  private readonly logger = new Logger('OAuthErrorFilter');

  constructor(
    @Inject(TokenEndpoint) private readonly endpoint: TokenEndpoint,
    @Inject(TokenRequestCounter) private readonly counter: TokenRequestCounter,
  ) {}

  async handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      checkInput(request);
      const result = await this.endpoint.exchange({
        body,
        authorization: request.headers.authorization,
        ip: request.ip,
        requestId: request.id,
      });
      this.counter.issued(body);
      return reply
        .status(200)
        .header('cache-control', 'no-store')
        .header('pragma', 'no-cache')
        .send(result.issued.response);
    } catch (e) {
      this.counter.refused(body, e);
      sendOAuthError(e, reply, this.logger);
      return reply;
    }
  }
}

/** What `WellFormedInputGuard` refuses on every route, with the same 400 (here `invalid_request`). */
function checkInput(request: FastifyRequest): void {
  const faults = requestFaults(request);
  if (faults.length === 0) return;
  throw new BadRequestException({
    message: faults.map((f) => f.message).join('; '),
    errors: faults.map((f) => ({ field: f.field, messages: [f.message] })),
  });
}

/**
 * Before routes are registered (`createApp`, ahead of `app.init()`): the token route's Fastify
 * handler becomes `TokenRoute.handle`. Everything Fastify runs around a handler (the request id,
 * body parsing and limits, trusted proxies, HTTP metrics, request logging, tracing) is unchanged.
 */
export function installTokenRoute(app: NestFastifyApplication): void {
  const route = app.get(TokenRoute);
  const handler = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> =>
    route.handle(request, reply);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (options: RouteOptions) => {
      if (options.method === 'POST' && options.url === TOKEN_PATH) options.handler = handler;
    });
}
