import { Injectable } from '@nestjs/common';
import replyFrom from '@fastify/reply-from';
import { ReusableAssertions } from '@platform/auth';
import { requestIdOf, toProblem, withProblemType, type Problem } from '@platform/http';
import { AppMetrics, HttpMetrics } from '@platform/observability';
import { tracingEnabled } from '@platform/tracing';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';
import { GatewayAuthenticator, type GatewayRequest } from '../auth/authenticator';
import { GatewayEnv } from '../config';
import { actualResponseCors, type OriginPolicy } from '../cors/cors';
import { matchRoute, type RouteRule } from '../routing/route-table';
import { BodyLimitStream, BodyTooLargeError, bodyLimitFor, streamBody } from './body-limit';
import { acceptsEventStream, sendUpstream } from './event-streams';
import { forwardedHeaders } from './forwarded-headers';
import {
  GatewayHttpException,
  isUpstreamFailure,
  problem,
  sendAuthError,
  sendProblem,
  upstreamProblem,
} from './problem-reply';
import { ProxyMetrics } from './proxy-metrics';
import { RequestLog } from './request-log';
import { nextTraceparent } from './traceparent';

/** RFC 9110 §7.6.1 fields of the service's connection that must not reach the caller. */
const RESPONSE_HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'trailer', 'upgrade'];
const CONNECT_TIMEOUT_MS = 5_000;
/** How long the rest of a refused oversized upload is read (and thrown away) after its 413. */
const LINGER_MS = 5_000;

/** What the proxy entry knows of one request it answers. */
interface Exchange {
  readonly request: GatewayRequest;
  readonly res: ServerResponse;
  readonly path: string;
  readonly route: RouteRule;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Forwards every request that the route table knows to its service: body and response
 * streamed, status, headers and query string kept, the caller's token replaced by a signed
 * assertion of who the caller is (spec §2).
 *
 * Two ways in, one listener (ADR 0023). The **entry** (`answer`) is a plain `node:http` request
 * listener put in front of Fastify's on the same server: a request for a route of the table, on a
 * clean path, is authenticated and forwarded there, through a pooled undici dispatcher, without
 * Fastify's hooks, Nest's middleware or a per-request child logger. Everything else reaches
 * Fastify as before: the gateway's own routes (docs, health), CORS preflights, paths refused
 * (400, 404), bodies declared over the limit (413 with its lingering close), requests while the
 * server closes, and every proxied request while tracing is on (the framework's spans are the
 * trace's shape), which the catch-all route below forwards through `@fastify/reply-from` with the
 * same checks and answers.
 */
@Injectable()
export class GatewayProxy {
  /** Connections carrying a server-sent event stream: they never finish by themselves. */
  private readonly streams = new Set<Socket>();
  /** Each service's base URL and its `Host`, worked out once rather than per request. */
  private upstreams?: Record<string, { url: string; host: string }>;
  /** The entry's connection pools to the services (keep-alive, per origin). */
  private readonly dispatcher: Dispatcher;
  private readonly http: HttpMetrics;
  private cors?: OriginPolicy;
  /** Set once the server starts closing: Fastify then answers new requests with 503. */
  private closing = false;

  constructor(
    private readonly config: GatewayEnv,
    private readonly authenticator: GatewayAuthenticator,
    private readonly assertions: ReusableAssertions,
    private readonly metrics: ProxyMetrics,
    private readonly log: RequestLog,
    appMetrics: AppMetrics,
  ) {
    this.http = new HttpMetrics(appMetrics);
    this.dispatcher = new Agent({
      connect: { timeout: Math.min(CONNECT_TIMEOUT_MS, config.UPSTREAM_TIMEOUT_MS) },
      headersTimeout: config.UPSTREAM_TIMEOUT_MS,
      bodyTimeout: config.UPSTREAM_TIMEOUT_MS,
    });
  }

  /**
   * Puts the entry in front of the Fastify instance's own request listener and registers the
   * catch-all route in its own Fastify scope; call before the app initialises. `cors` is the
   * policy `installCors` was given, for the answers the entry writes itself.
   */
  install(fastify: FastifyInstance, cors?: OriginPolicy): void {
    this.cors = cors;
    this.attach(fastify);
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
        this.closing = true;
        for (const socket of this.streams) socket.destroy();
        done();
      });
      // After the server closed: nothing is left to answer, so nothing is waited for.
      scope.addHook('onClose', async () => {
        await this.dispatcher.destroy();
      });
    });
  }

  /** The entry takes the server's `request` event first and hands on what it does not answer. */
  private attach(fastify: FastifyInstance): void {
    const server = fastify.server;
    const listeners = server.listeners('request') as RequestListener[];
    const [framework] = listeners;
    if (listeners.length !== 1 || !framework)
      throw new Error(`expected Fastify's one request listener, found ${listeners.length}`);
    server.removeListener('request', framework);
    // Tracing on: Fastify answers every request, so that the trace keeps its spans.
    const tracing = tracingEnabled();
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (tracing || this.closing || !this.answer(req, res)) framework.call(server, req, res);
    });
  }

  /**
   * The entry: true when it took the request (a route of the table on a clean path, not a
   * preflight, not declared over its body limit), false to leave it to Fastify.
   */
  private answer(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    if (method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined)
      return false;
    const path = pathOf(url);
    if (pathFault(path)) return false;
    const route = matchRoute(method, path);
    if (!route) return false;
    const limit = bodyLimitFor(method, path, {
      defaultBytes: this.config.BODY_LIMIT_BYTES,
      photoBytes: this.config.PHOTO_BODY_LIMIT_BYTES,
    });
    if (Number(req.headers['content-length'] ?? 0) > limit) return false;
    const request: GatewayRequest = {
      id: requestIdOf(req),
      method,
      url,
      headers: req.headers,
      raw: req,
    };
    const exchange: Exchange = { request, res, path, route };
    const started = performance.now();
    const metricsRoute = `proxy:${route.service}`;
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      this.http.record(method, metricsRoute, res.statusCode, seconds);
      this.log.answered(req, res, request.id, metricsRoute, seconds);
    });
    void this.pass(exchange, limit).catch((error: unknown) => {
      this.log.logger.error({ err: error, requestId: request.id }, 'gateway error');
      this.writeProblem(exchange, problem(500, 'An unexpected error occurred.'));
    });
    return true;
  }

  /** Authenticates the request and forwards it; or answers with the refusal. */
  private async pass(exchange: Exchange, limit: number): Promise<void> {
    const { request, route } = exchange;
    const req = request.raw;
    let assertion: string | undefined;
    try {
      const principal = await this.authenticator.authenticate(request, route);
      if (principal) assertion = await this.assertions.for(principal, route.service);
    } catch (e) {
      this.metrics.authRefused(e);
      return this.writeAuthError(exchange, e);
    }
    const headers = forwardedHeaders(req.headers, {
      requestId: request.id,
      traceparent: nextTraceparent(req.headers['traceparent']),
      clientIp: req.socket.remoteAddress ?? '',
      protocol: (req.socket as TLSSocket).encrypted ? 'https' : 'http',
      host: req.headers.host,
      assertion,
      stripAuthorization: route.auth.kind !== 'none',
    });
    const { url: origin, host } = this.upstreamOf(route.service);
    headers['host'] = host;
    let body: BodyLimitStream | undefined;
    if (carriesBody(req)) {
      // A caller that disconnects mid-upload aborts the forwarded request too (streamBody).
      body = new BodyLimitStream(limit);
      streamBody(req, body);
    } else {
      delete headers['content-length'];
    }
    // An event stream may stay quiet between heartbeats; other answers keep the short timeout.
    const timeout = acceptsEventStream(request.headers)
      ? this.config.STREAM_IDLE_TIMEOUT_MS
      : undefined;
    let answer: Dispatcher.ResponseData;
    try {
      answer = await this.dispatcher.request({
        origin,
        path: request.url,
        method: request.method as Dispatcher.HttpMethod,
        headers: headers as Record<string, string | string[]>,
        body: body ?? null,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } catch (error) {
      return this.forwardFailed(exchange, error);
    }
    this.relay(exchange, answer);
  }

  /** The service's answer to the caller, streamed; an event stream is watched (ADR 0013). */
  private relay(exchange: Exchange, answer: Dispatcher.ResponseData): void {
    const { res, request } = exchange;
    const upstream = answer.body;
    // undici's body emits an error (RequestAbortedError) when it is destroyed before its end, and
    // every path below may destroy it: it never goes without a listener, whatever order things
    // happen in (an unhandled 'error' ends the process: every app, under npm start).
    upstream.on('error', ignore);
    if (res.destroyed) {
      upstream.destroy();
      return;
    }
    const headers = withoutHopByHop(answer.headers);
    this.finishHeaders(exchange, headers);
    if (!/^text\/event-stream\b/i.test(String(headers['content-type'] ?? ''))) {
      // The head goes out with the first byte of body (or the end): a service that dies between
      // its head and its body (SIGKILL) is a 502 to the caller, not a head and a broken answer.
      let begun = false;
      const begin = () => {
        if (begun) return;
        begun = true;
        // Runs in the body's 'data'/'end' listener: a throw here would escape every handler and
        // end the process (all apps, under npm start), so an answer that cannot start is cut.
        try {
          res.writeHead(answer.statusCode, headers);
        } catch (error) {
          this.log.logger.error({ err: error, requestId: request.id }, 'answer not writable');
          upstream.destroy();
          res.destroy();
        }
      };
      upstream.on('error', (error) => {
        if (begun) return void res.destroy();
        this.forwardFailed(exchange, error);
      });
      upstream.once('data', begin);
      upstream.once('end', begin);
      res.once('close', () => {
        if (!upstream.readableEnded) upstream.destroy();
      });
      upstream.pipe(res);
      return;
    }
    upstream.on('error', () => res.destroy());
    this.trackStream(request.raw.socket);
    res.writeHead(answer.statusCode, headers);
    res.flushHeaders();
    upstream.pipe(res);
    const unwatch = this.authenticator.watch(request, (reason) => {
      upstream.unpipe(res);
      upstream.destroy();
      res.end(`\n: closed by the gateway: ${reason}\n\n`);
    });
    res.once('close', () => {
      unwatch();
      upstream.destroy();
    });
  }

  /** The service could not be reached, or broke off before its answer began: 502 (504 on a timeout). */
  private forwardFailed(exchange: Exchange, error: unknown): void {
    const { route, request } = exchange;
    this.log.logger.warn(
      { err: error, service: route.service, requestId: request.id },
      'forward failed',
    );
    this.writeProblem(exchange, upstreamProblem(error, route.service));
  }

  /** What Fastify's hooks add to every answer: the request id, RateLimit fields and CORS. */
  private finishHeaders(exchange: Exchange, headers: IncomingHttpHeaders): void {
    const { request } = exchange;
    headers['x-request-id'] ??= request.id;
    const limits = this.authenticator.answerHeaders(request);
    if (limits && headers['ratelimit'] === undefined) {
      for (const [name, value] of Object.entries(limits)) headers[name.toLowerCase()] = value;
    }
    if (this.cors) {
      const cors = actualResponseCors(request, this.cors, headers['vary']);
      if (cors) Object.assign(headers, cors);
    }
  }

  /** As `sendAuthError`: the refusal, with `WWW-Authenticate` on a 401 (RFC 6750 §3). */
  private writeAuthError(exchange: Exchange, error: unknown): void {
    const body = toProblem(error);
    const headers: Record<string, string> = {};
    if (error instanceof GatewayHttpException) {
      for (const [name, value] of Object.entries(error.headers))
        headers[name.toLowerCase()] = value;
    }
    if (body.status === 401 && headers['www-authenticate'] === undefined)
      headers['www-authenticate'] = 'Bearer';
    if (body.status >= 500)
      this.log.logger.error(
        { err: error, requestId: exchange.request.id },
        'authentication failed unexpectedly',
      );
    this.writeProblem(exchange, body, headers);
  }

  /** As `sendProblem`: an RFC 9457 problem unless the answer has already started. */
  private writeProblem(exchange: Exchange, body: Problem, extra: IncomingHttpHeaders = {}): void {
    const { res } = exchange;
    if (res.headersSent || res.destroyed) {
      if (!res.writableEnded) res.destroy();
      return;
    }
    // Called from listeners and from the entry's last catch: it must not throw itself.
    try {
      this.writeProblemNow(exchange, body, extra);
    } catch (error) {
      this.log.logger.error({ err: error, requestId: exchange.request.id }, 'answer not writable');
      res.destroy();
    }
  }

  private writeProblemNow(exchange: Exchange, body: Problem, extra: IncomingHttpHeaders): void {
    const { res } = exchange;
    withProblemType(body).instance = exchange.path;
    const json = JSON.stringify(body);
    const headers: IncomingHttpHeaders = {
      ...extra,
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(json)),
    };
    this.finishHeaders(exchange, headers);
    res.writeHead(body.status, headers);
    res.end(json);
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
    const timeout = acceptsEventStream(request.headers)
      ? this.config.STREAM_IDLE_TIMEOUT_MS
      : undefined;
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

/** RFC 9112 §6.3: a request has a body when it declares a length above 0 or a transfer coding. */
function carriesBody(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
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

/** For an error that other listeners answer, or that needs no answer. */
function ignore(): void {
  // nothing to do
}
