import { HttpException } from '@nestjs/common';
import { isDependencyUnavailable, type Problem, toProblem, withProblemType } from '@platform/http';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { BodyTooLargeError } from './body-limit';

/**
 * An HttpException that also sets response headers, e.g. `WWW-Authenticate` on a 401
 * (RFC 6750 §3) or `Retry-After` on a 429. The authenticator may throw it.
 */
export class GatewayHttpException extends HttpException {
  constructor(
    response: string | Record<string, unknown>,
    status: number,
    readonly headers: Record<string, string> = {},
  ) {
    super(response, status);
  }
}

export function problem(status: number, detail: string): Problem {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
}

/** Writes an RFC 9457 problem unless the response has already started. */
export function sendProblem(
  reply: FastifyReply,
  body: Problem,
  headers: Record<string, string> = {},
): void {
  if (reply.sent) return;
  withProblemType(body).instance = reply.request.url.split('?')[0];
  void reply.code(body.status).headers(headers).type('application/problem+json').send(body);
}

/** What the caller is told when authentication says no (RFC 6750 §3 needs the challenge). */
export function sendAuthError(reply: FastifyReply, error: unknown): void {
  const body = toProblem(error);
  const headers = error instanceof GatewayHttpException ? { ...error.headers } : {};
  if (
    body.status === 401 &&
    !Object.keys(headers).some((h) => h.toLowerCase() === 'www-authenticate')
  ) {
    headers['WWW-Authenticate'] = 'Bearer';
  }
  if (body.status >= 500)
    reply.request.log.error({ err: error }, 'authentication failed unexpectedly');
  sendProblem(reply, body, headers);
}

const TIMEOUTS = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'FST_REPLY_FROM_TIMEOUT',
  'FST_REPLY_FROM_GATEWAY_TIMEOUT',
]);

function* causes(error: unknown): Generator<unknown> {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    yield e;
    e = (e as { cause?: unknown }).cause;
  }
}

/**
 * An error of the connection to a service (a reset, a broken pipe, a peer that broke off or did
 * not answer: `isDependencyUnavailable`), or any other undici error of the forward: the service's
 * fault or absence, never the gateway's.
 */
export function isUpstreamFailure(error: unknown): boolean {
  if (isDependencyUnavailable(error)) return true;
  return [...causes(error)].some((e) => {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && code.startsWith('UND_ERR_');
  });
}

/**
 * Why a forward failed, as the caller should see it: a body over the limit is the caller's
 * fault (413); a service that does not answer in time is 504; one that cannot be reached or
 * breaks the connection is 502. The cause is logged, never sent.
 */
export function upstreamProblem(error: unknown, service: string): Problem {
  const chain = [...causes(error)];
  const tooLarge = chain.find((e): e is BodyTooLargeError => e instanceof BodyTooLargeError);
  if (tooLarge) return problem(413, tooLarge.message);
  const codes = chain.map((e) => (e as { code?: unknown }).code);
  if (codes.some((c) => typeof c === 'string' && TIMEOUTS.has(c))) {
    return problem(504, `The ${service} service did not answer in time.`);
  }
  return problem(502, `The ${service} service is unavailable.`);
}
