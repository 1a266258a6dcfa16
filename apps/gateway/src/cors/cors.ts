import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** What a browser page may send: the token, JSON, the context, a create's key, a trace. */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'User-Access',
  'Idempotency-Key',
  'traceparent',
  'x-request-id',
];
/** What its script may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = [
  'Idempotent-Replayed',
  'RateLimit',
  'RateLimit-Policy',
  'Retry-After',
  'WWW-Authenticate',
  'x-request-id',
  'Location',
];
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
/** How long a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';
/** Same-origin pages by design (the portal's cookie session, the login forms): no CORS. */
const SAME_ORIGIN_ONLY = /^\/(portal|servicelogin)(\/|$|\?)/;

/** Which web origins may call the APIs from a browser. */
export interface OriginPolicy {
  allows(origin: string): boolean;
}

const isPreflight = (request: FastifyRequest): boolean =>
  request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;

function appendVary(reply: FastifyReply, ...fields: string[]): void {
  const merged = mergedVary(reply.getHeader('vary'), fields);
  if (merged !== undefined) void reply.header('vary', merged);
}

/** `current` with the fields it lacks appended, or undefined when it has them all. */
function mergedVary(current: unknown, fields: string[]): string | undefined {
  const have = String(current ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const missing = fields.filter((f) => !have.some((h) => h.toLowerCase() === f.toLowerCase()));
  return missing.length > 0 ? [...have, ...missing].join(', ') : undefined;
}

/** The request's `Origin` when the policy lets it read the answer, else undefined. */
function allowedOrigin(
  request: Pick<FastifyRequest, 'url' | 'headers'>,
  policy: OriginPolicy,
): string | undefined {
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null' || SAME_ORIGIN_ONLY.test(request.url))
    return undefined;
  return policy.allows(origin) ? origin : undefined;
}

/**
 * CORS (WHATWG Fetch §3.2) at the gateway, for the origins `policy` allows: a preflight is
 * answered here (204, before routing or authentication: it carries no credentials), and an actual
 * request's answer, whoever made it, says the origin may read it. An origin not allowed gets no
 * CORS header, so the browser keeps the answer from its page. No
 * `Access-Control-Allow-Credentials`: the APIs take bearer tokens, never cookies.
 */
export function installCors(fastify: FastifyInstance, policy: OriginPolicy): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!isPreflight(request)) return;
    appendVary(reply, 'Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers');
    const origin = allowedOrigin(request, policy);
    if (origin) {
      void reply.headers({
        'access-control-allow-origin': origin,
        'access-control-allow-methods': ALLOWED_METHODS,
        'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
        'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
      });
    }
    await reply.code(204).send();
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (isPreflight(request)) return payload;
    const headers = actualResponseCors(request, policy, reply.getHeader('vary'));
    if (headers) void reply.headers(headers);
    return payload;
  });
}

/**
 * The CORS headers of the answer to an actual (not preflight) request, given the answer's `Vary`
 * so far: none without an `Origin`; else `Vary: Origin` (merged), and when the origin is allowed,
 * that it may read the answer and which headers. Used by the hook above and by the proxy entry,
 * which answers proxied requests outside Fastify (ADR 0023).
 */
export function actualResponseCors(
  request: Pick<FastifyRequest, 'url' | 'headers'>,
  policy: OriginPolicy,
  vary: unknown,
): Record<string, string> | undefined {
  if (request.headers.origin === undefined) return undefined;
  const headers: Record<string, string> = {};
  const merged = mergedVary(vary, ['Origin']);
  if (merged !== undefined) headers['vary'] = merged;
  const origin = allowedOrigin(request, policy);
  if (origin) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-expose-headers'] = EXPOSED;
  }
  return headers;
}

const EXPOSED = CORS_EXPOSED_HEADERS.join(', ');
