import type { Principal } from '@platform/auth';
import type { FastifyRequest } from 'fastify';
import type { RouteRule } from '../routing/route-table';

/**
 * The seam between routing and authentication. The proxy asks it who the caller of a matched
 * route is: `undefined` for routes that need no token (the request then goes on without an
 * assertion), a `Principal` when allowed (signed into the assertion for the service), or it
 * throws an HttpException (401 with `WWW-Authenticate`, 403 `insufficient_scope`, 429).
 */
export abstract class GatewayAuthenticator {
  abstract authenticate(request: FastifyRequest, route: RouteRule): Promise<Principal | undefined>;
}
