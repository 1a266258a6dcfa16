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

  /**
   * For a long-lived response (an SSE stream) to an authenticated request: calls `end` (once)
   * when the request's token is revoked or expires, or its `User-Access` is revoked. Returns
   * the way to stop watching. Requests that were not authenticated are not watched.
   */
  watch(_request: FastifyRequest, _end: (reason: string) => void): () => void {
    return () => undefined;
  }
}
