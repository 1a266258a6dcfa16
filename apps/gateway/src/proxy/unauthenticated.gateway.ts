import { Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import type { FastifyRequest } from 'fastify';
import { GatewayAuthenticator } from '../auth/authenticator';
import type { RouteRule } from '../routing/route-table';
import { GatewayHttpException } from './problem-reply';

/**
 * The authenticator in force until token verification is wired in: open routes pass without
 * an assertion, every protected route is refused as if no valid token had been sent. Fails
 * closed, so no protected service is reachable by accident.
 */
@Injectable()
export class UnauthenticatedGateway extends GatewayAuthenticator {
  authenticate(_request: FastifyRequest, route: RouteRule): Promise<Principal | undefined> {
    if (route.auth.kind === 'none') return Promise.resolve(undefined);
    return Promise.reject(
      new GatewayHttpException('A valid bearer token is required.', 401, {
        'WWW-Authenticate': 'Bearer realm="platform"',
      }),
    );
  }
}
