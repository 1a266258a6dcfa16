import type { Principal } from '@platform/auth';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { RouteRule } from '../routing/route-table';

/**
 * What authentication reads of a request: a Fastify request has all of it, and so has the
 * gateway's proxy entry (ADR 0023), which answers proxied requests before Fastify sees them.
 */
export interface GatewayRequest {
  /** The request id (`x-request-id`, taken or made). */
  readonly id: string;
  readonly method: string;
  /** Path and query string, as the caller sent them. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: IncomingMessage;
}

/**
 * The seam between routing and authentication. The proxy asks it who the caller of a matched
 * route is: `undefined` for routes that need no token (the request then goes on without an
 * assertion), a `Principal` when allowed (signed into the assertion for the service), or it
 * throws an HttpException (401 with `WWW-Authenticate`, 403 `insufficient_scope`, 429).
 */
export abstract class GatewayAuthenticator {
  abstract authenticate(request: GatewayRequest, route: RouteRule): Promise<Principal | undefined>;

  /**
   * For a long-lived response (an SSE stream) to an authenticated request: calls `end` (once)
   * when the request's token is revoked or expires, or its `User-Access` is revoked. Returns
   * the way to stop watching. Requests that were not authenticated are not watched.
   */
  watch(_request: GatewayRequest, _end: (reason: string) => void): () => void {
    return () => undefined;
  }

  /**
   * Headers the answer to an authenticated request carries (the client's RateLimit fields),
   * handed out once per request.
   */
  answerHeaders(_request: GatewayRequest): Record<string, string> | undefined {
    return undefined;
  }
}
