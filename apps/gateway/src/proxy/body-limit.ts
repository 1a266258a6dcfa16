import { Readable, Transform, TransformCallback } from 'node:stream';

/** Thrown into the forwarded body stream when the caller sends more than the route allows. */
export class BodyTooLargeError extends Error {
  readonly statusCode = 413;
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Counts bytes as they stream through to the service and fails the stream past `limit`: a
 * chunked upload has no Content-Length to check up front, and the gateway never buffers bodies.
 */
export class BodyLimitStream extends Transform {
  private seen = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      done(new BodyTooLargeError(this.limit));
      return;
    }
    done(null, chunk);
  }
}

/**
 * The caller's body into the byte counter, as `stream.pipeline` would join them, without the
 * AbortController pipeline makes per call: it aborts it when the streams finish, and that builds a
 * DOMException (with its stack) on every forwarded body, a measurable share of a proxied POST
 * (ADR 0020). Same guarantees: a caller that goes away mid-upload fails the forwarded body (so
 * the request to the service is aborted too), and a body past the limit stops the upload.
 */
export function streamBody(payload: Readable, limited: BodyLimitStream): void {
  payload.pipe(limited);
  payload.once('error', (e) => limited.destroy(e));
  payload.once('close', () => {
    if (!payload.readableEnded) {
      limited.destroy(new Error('The caller closed the request before its body ended.'));
    }
  });
  limited.once('error', (e) => stopUpload(payload, e));
}

/**
 * Ends the caller's upload as pipeline does (node's internal `destroyer`): a server request is
 * detached from its socket first, so that destroying it does not also destroy the connection the
 * 413 still has to be written on.
 */
function stopUpload(payload: Readable, error: Error): void {
  if (payload.destroyed) return;
  // node's isServerRequest: an http.IncomingMessage on the server side.
  const request = payload as Readable & {
    _consuming?: unknown;
    _dumped?: unknown;
    socket?: unknown;
  };
  if (typeof request._consuming === 'boolean' && typeof request._dumped === 'boolean') {
    request.socket = null;
  }
  payload.destroy(error);
}

const PHOTO = /^\/usuarios\/v0\.1\/api\/usuarios\/[^/]+\/photo\/?$/;

/** The largest body a route accepts: photos (`002_*` users) get their own limit. */
export function bodyLimitFor(
  method: string,
  path: string,
  limits: { defaultBytes: number; photoBytes: number },
): number {
  return method.toUpperCase() === 'PUT' && PHOTO.test(path)
    ? limits.photoBytes
    : limits.defaultBytes;
}
