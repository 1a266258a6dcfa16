import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DEPENDENCY_RETRY_AFTER_SECONDS, isDependencyUnavailable, toProblem } from '@platform/http';
import { InvalidClient, InvalidRequest, OAuthError, SlowDown } from './oauth-errors';

/**
 * Renders errors of the OAuth endpoints as RFC 6749 §5.2 JSON `{error, error_description}`,
 * with `Cache-Control: no-store`. Anything unexpected stays a generic 500 (cause logged only).
 */
@Catch()
export class OAuthErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('OAuthErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    sendOAuthError(exception, host.switchToHttp().getResponse<FastifyReply>(), this.logger);
  }
}

/**
 * The filter's answer, also used by the token route, which is served outside Nest's exception
 * layer (ADR 0024): the same status, headers and body for the same exception.
 */
export function sendOAuthError(exception: unknown, reply: FastifyReply, logger: Logger): void {
  const error = toOAuthError(exception);
  if (!error && isDependencyUnavailable(exception)) {
    // RFC 6749 §4.1.2.1's temporarily_unavailable, with a 503 the client can retry on.
    logger.warn({ err: exception }, 'a dependency is unavailable on an OAuth endpoint');
    void reply
      .status(503)
      .header('cache-control', 'no-store')
      .header('retry-after', String(DEPENDENCY_RETRY_AFTER_SECONDS))
      .send({
        error: 'temporarily_unavailable',
        error_description: 'The authorization server is briefly unavailable; retry shortly.',
      });
    return;
  }
  if (!error) {
    logger.error({ err: exception }, 'unhandled error on an OAuth endpoint');
    void reply
      .status(500)
      .header('cache-control', 'no-store')
      .send({ error: 'server_error', error_description: 'An unexpected error occurred.' });
    return;
  }
  if (error instanceof InvalidClient) {
    // RFC 7617: a Basic challenge carries realm (and charset), no error; the body says invalid_client.
    void reply.header('www-authenticate', 'Basic realm="oauth"');
  }
  if (error instanceof SlowDown) void reply.header('retry-after', String(error.retryAfterSeconds));
  void reply
    .status(error.status)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .send({ error: error.error, error_description: error.description });
}

/** The OAuth error an exception is answered as; undefined for a 5xx or anything unexpected. */
export function toOAuthError(exception: unknown): OAuthError | undefined {
  if (exception instanceof OAuthError) return exception;
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : (exception as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new InvalidRequest(toProblem(exception).detail ?? 'The request is malformed.');
  }
  return undefined;
}
