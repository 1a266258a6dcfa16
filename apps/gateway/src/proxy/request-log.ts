import { Inject, Injectable, Optional } from '@nestjs/common';
import { logSerializers } from '@platform/http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PARAMS_PROVIDER_TOKEN, type Params } from 'nestjs-pino';
import {
  pino,
  stdSerializers,
  type DestinationStream,
  type Logger,
  type LoggerOptions,
} from 'pino';

/** Where the lines go, when not to standard output (tests). */
export const REQUEST_LOG_DESTINATION = Symbol('REQUEST_LOG_DESTINATION');

/**
 * The request log of the proxy entry (ADR 0023): one line per request, written when its answer
 * is done, with the fields pino-http's "request completed" line has on every other route
 * (`req`, `res`, `requestId`, `responseTime`) plus the `route` it was forwarded as. The logger is
 * built from the app's own logging options (level, service, trace fields, redaction), so the same
 * header and URL redaction applies; nothing is serialised unless the level is enabled, and no
 * child logger is made per request.
 */
@Injectable()
export class RequestLog {
  readonly logger: Logger;

  constructor(
    @Inject(PARAMS_PROVIDER_TOKEN) params: Params,
    @Optional() @Inject(REQUEST_LOG_DESTINATION) destination?: DestinationStream,
  ) {
    const configured = Array.isArray(params.pinoHttp) ? params.pinoHttp[0] : params.pinoHttp;
    const { level, base, mixin, redact } = (configured ?? {}) as LoggerOptions;
    const options: LoggerOptions = {
      level,
      base,
      mixin,
      redact,
      // As pino-http wraps them: pino's standard shape first, then the platform's redaction.
      serializers: {
        req: stdSerializers.wrapRequestSerializer(logSerializers.req as never),
        res: stdSerializers.wrapResponseSerializer(logSerializers.res as never),
        err: logSerializers.err,
      },
    };
    this.logger = destination ? pino(options, destination) : pino(options);
  }

  /** The line for a request whose answer is done (`finished`) or cut short. */
  answered(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    route: string,
    seconds: number,
  ): void {
    const failed = res.statusCode >= 500;
    const level = failed ? 'error' : 'info';
    if (!this.logger.isLevelEnabled(level)) return;
    const responseTime = Math.round(seconds * 1000);
    const message = !res.writableFinished
      ? 'request aborted'
      : failed
        ? 'request errored'
        : 'request completed';
    this.logger[level]({ req, requestId, route, res, responseTime }, message);
  }
}
