import { Injectable } from '@nestjs/common';
import replyFrom from '@fastify/reply-from';
import { ReusableAssertions } from '@platform/auth';
import { tracingEnabled } from '@platform/tracing';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { GatewayAuthenticator } from '../auth/authenticator';
import { GatewayEnv } from '../config';
import { matchRoute, type RouteRule } from '../routing/route-table';
import { BodyLimitStream, BodyTooLargeError, bodyLimitFor, streamBody } from './body-limit';
import { acceptsEventStream, sendUpstream } from './event-streams';
import { forwardedHeaders } from './forwarded-headers';
import {
  isUpstreamFailure,
  problem,
  sendAuthError,
  sendProblem,
  upstreamProblem,
} from './problem-reply';
import { ProxyMetrics } from './proxy-metrics';
import { nextTraceparent } from './traceparent';

/** RFC 9110 §7.6.1 fields of the service's connection that must not reach the caller. */
const RESPONSE_HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'trailer', 'upgrade'];
const CONNECT_TIMEOUT_MS = 5_000;
/** How long the rest of a refused oversized upload is read (and thrown away) after its 413. */
const LINGER_MS = 5_000;

/**
 * Forwards every request that the route table knows to its service: body and response
 * streamed, status, headers and query string kept, the caller's token replaced by a signed
 * assertion of who the caller is (spec §2).
 */
@Injectable()
export class GatewayProxy {
  /** Connections carrying a server-sent event stream: they never finish by themselves. */
  private readonly streams = new Set<Socket>();
  /** Each service's base URL and its `Host`, worked out once rather than per request. */
  private upstreams?: Record<string, { url: string; host: string }>;

  constructor(
    private readonly config: GatewayEnv,
    private readonly authenticator: GatewayAuthenticator,
    private readonly assertions: ReusableAssertions,
    private readonly metrics: ProxyMetrics,
  ) {}

  /** Registers the catch-all route in its own Fastify scope; call before the app initialises. */
  install(fastify: FastifyInstance): void {
    void fastify.register(async (scope) => {
      await scope.register(replyFrom, {
        undici: {
          connect: { timeout: Math.min(CONNECT_TIMEOUT_MS, this.config.UPSTREAM_TIMEOUT_MS) },
          headersTimeout: this.config.UPSTREAM_TIMEOUT_MS,
          bodyTimeout: this.config.UPSTREAM_TIMEOUT_MS,
        },
        disableRequestLogging: true,
      });
      // Bodies are never parsed here: each one streams to the service through a byte counter.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (request, payload, done) =>
        this.limitBody(request, payload, done),
      );
      scope.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
        const code = error.statusCode;
        if (typeof code === 'number' && code >= 400 && code < 500)
          return sendProblem(reply, problem(code, error.message));
        // The service's answer broke off after its head and before its first byte of body (the
        // service died mid-answer): the caller has had nothing yet, and it is a 502, not a 500.
        if (isUpstreamFailure(error)) {
          const service = (request.metricsRoute ?? '').replace(/^proxy:/, '') || 'upstream';
          request.log.warn({ err: error, service }, 'forward failed');
          return sendProblem(reply, upstreamProblem(error, service));
        }
        request.log.error({ err: error }, 'gateway error');
        sendProblem(reply, problem(500, 'An unexpected error occurred.'));
      });
      scope.all('/*', (request, reply) => this.forward(request, reply));
      // An event stream on a route without a bearer token (the portal's, whose BFF owns the
      // session) is not watched by authentication (ADR 0013), and would hold the close for ever.
      scope.addHook('preClose', (done) => {
        for (const socket of this.streams) socket.destroy();
        done();
      });
    });
  }

  private limitBody(
    request: FastifyRequest,
    payload: NodeJS.ReadableStream,
    done: (err: Error | null, body?: unknown) => void,
  ): void {
    const limit = bodyLimitFor(request.method, pathOf(request.url), {
      defaultBytes: this.config.BODY_LIMIT_BYTES,
      photoBytes: this.config.PHOTO_BODY_LIMIT_BYTES,
    });
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      // Refused in forward(), not as a parser error: after a parser error Fastify closes the
      // connection while the caller is still sending, and the reset can destroy the 413 before
      // the caller reads it (RFC 9112 §9.6).
      done(null, new BodyTooLargeError(limit));
      return;
    }
    // A caller that disconnects mid-upload aborts the forwarded request too (streamBody).
    const limited = new BodyLimitStream(limit);
    streamBody(payload as Readable, limited);
    done(null, limited);
  }

  async forward(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.body instanceof BodyTooLargeError) {
      this.metrics.refused(413, 'body_too_large');
      return refuseTooLarge(request, reply, request.body);
    }
    const path = pathOf(request.url);
    const fault = pathFault(path);
    if (fault) {
      this.metrics.refused(400, 'bad_path');
      return sendProblem(reply, {
        ...problem(400, fault),
        errors: [{ field: 'path', messages: [fault] }],
      });
    }
    const route = matchRoute(request.method, path);
    if (!route) {
      this.metrics.refused(404, 'no_route');
      return sendProblem(reply, problem(404, 'No such endpoint.'));
    }
    request.metricsRoute = `proxy:${route.service}`;
    let assertion: string | undefined;
    try {
      assertion = await this.assertionFor(request, route);
    } catch (e) {
      this.metrics.authRefused(e);
      return sendAuthError(reply, e);
    }
    const headers = forwardedHeaders(request.headers, {
      requestId: request.id,
      // Tracing on: the HTTP client's instrumentation sends the context of its own span.
      traceparent: tracingEnabled() ? undefined : nextTraceparent(request.headers['traceparent']),
      clientIp: request.raw.socket.remoteAddress ?? '',
      protocol: (request.raw.socket as TLSSocket).encrypted ? 'https' : 'http',
      host: request.headers.host,
      assertion,
      stripAuthorization: route.auth.kind !== 'none',
    });
    const { url: target, host } = this.upstreamOf(route.service);
    // An event stream may stay quiet between heartbeats; other answers keep the short timeout.
    const timeout = acceptsEventStream(request) ? this.config.STREAM_IDLE_TIMEOUT_MS : undefined;
    void reply.from(path, {
      timeout,
      getUpstream: () => target,
      rewriteRequestHeaders: () => ({ ...headers, host }),
      rewriteHeaders: (upstream: IncomingHttpHeaders) => {
        if (String(upstream['content-type']).startsWith('text/event-stream'))
          this.trackStream(request.raw.socket);
        return withoutHopByHop(upstream);
      },
      // Never replay a request on the caller's behalf; the caller decides about retries.
      retryDelay: () => null,
      onResponse: (_request, _reply, res) =>
        sendUpstream(this.authenticator, request, reply, res.stream),
      onError: (_reply, { error }) => {
        request.log.warn({ err: error, service: route.service }, 'forward failed');
        sendProblem(reply, upstreamProblem(error, route.service));
      },
    });
    return reply;
  }

  private upstreamOf(service: RouteRule['service']): { url: string; host: string } {
    this.upstreams ??= Object.fromEntries(
      Object.entries(this.config.upstreamUrls()).map(([name, url]) => [
        name,
        { url, host: new URL(url).host },
      ]),
    );
    const upstream = this.upstreams[service];
    if (!upstream) throw new Error(`no upstream configured for ${service}`);
    return upstream;
  }

  private trackStream(socket: Socket): void {
    this.streams.add(socket);
    socket.once('close', () => this.streams.delete(socket));
  }

  private async assertionFor(
    request: FastifyRequest,
    route: RouteRule,
  ): Promise<string | undefined> {
    const principal = await this.authenticator.authenticate(request, route);
    if (!principal) return undefined;
    return this.assertions.for(principal, route.service);
  }
}

/**
 * 413 for a body declared over the limit; none of it reaches a service. The caller is usually
 * still sending: the rest is read and thrown away so that the answer is not lost to a connection
 * reset (a lingering close, RFC 9112 §9.6), for LINGER_MS at most, then the connection is closed.
 */
function refuseTooLarge(
  request: FastifyRequest,
  reply: FastifyReply,
  error: BodyTooLargeError,
): void {
  const raw = request.raw;
  const timer = setTimeout(() => raw.socket.destroy(), LINGER_MS).unref();
  const done = () => clearTimeout(timer);
  raw.once('end', done).once('close', done);
  raw.resume();
  sendProblem(reply, problem(413, error.message));
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/**
 * Dot segments (even percent-encoded) could step from a public prefix into another route; a NUL
 * byte is refused here too, before any service or database sees it (hardening item 7).
 */
function pathFault(path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'The request path is not valid percent-encoded UTF-8.';
  }
  if (decoded.includes('\0')) return 'The request path must not contain NUL characters (%00).';
  if (/(^|\/)\.\.?(\/|$)/.test(decoded) || decoded.includes('\\'))
    return 'The request path must not contain dot segments or backslashes.';
  return undefined;
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of RESPONSE_HOP_BY_HOP) delete copy[name];
  return copy;
}
