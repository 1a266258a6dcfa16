import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import type { GatewayAuthenticator } from '../auth/authenticator';

/** RFC 9110 §12.5.1 / WHATWG SSE: does the caller ask for an event stream? */
export function acceptsEventStream(headers: FastifyRequest['headers']): boolean {
  return /\btext\/event-stream\b/i.test(String(headers.accept ?? ''));
}

function isEventStream(reply: FastifyReply): boolean {
  return /^text\/event-stream\b/i.test(String(reply.getHeader('content-type') ?? ''));
}

/**
 * Sends the service's response on. An event stream goes through a pass-through the gateway
 * owns, watched for as long as it is open (ADR 0013): when the token it was opened with is
 * revoked or expires, or its `User-Access` is revoked, the gateway writes a last comment line,
 * ends the stream cleanly (the caller sees its end, not a reset) and drops the service's side.
 */
export function sendUpstream(
  authenticator: GatewayAuthenticator,
  request: FastifyRequest,
  reply: FastifyReply,
  upstream: Readable,
): void {
  if (!isEventStream(reply)) {
    void reply.send(upstream);
    return;
  }
  const out = new PassThrough();
  upstream.pipe(out);
  // `on`, not `once`: destroying the body below emits an error of its own (undici), which must
  // find a listener even after an earlier one.
  upstream.on('error', () => out.destroy());
  const unwatch = authenticator.watch(request, (reason) => {
    upstream.unpipe(out);
    upstream.destroy();
    out.end(`\n: closed by the gateway: ${reason}\n\n`);
  });
  out.once('close', () => {
    unwatch();
    upstream.destroy();
  });
  void reply.send(out);
}
