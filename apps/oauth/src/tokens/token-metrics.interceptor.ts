import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { AppMetrics } from '@platform/observability';
import type { FastifyRequest } from 'fastify';
import { catchError, type Observable, tap, throwError } from 'rxjs';
import { OAuthError } from '../errors/oauth-errors';

/** The grant types the token endpoint knows; anything else a caller sends is `other`. */
const GRANTS = new Set([
  'authorization_code',
  'client_credentials',
  'refresh_token',
  'password',
  'custom_sso',
]);

/**
 * `oauth_token_requests_total{grant_type, outcome}`: each token request (`POST
 * /auth/oauth2/token` and the `003_*` `POST /auth`) by the grant it asked for and how it ended —
 * `issued`, or the RFC 6749 §5.2 error code it was answered with (`invalid_client`,
 * `invalid_grant`, …; `server_error` for anything unexpected). Both labels are bounded: an unknown
 * grant type is `other`, whatever the caller wrote.
 */
@Injectable()
export class TokenRequestCounter {
  private readonly requests;

  constructor(metrics: AppMetrics) {
    this.requests = metrics.counter({
      name: 'oauth_token_requests_total',
      help: 'Token requests by grant type and outcome (issued, or the OAuth error code)',
      labelNames: ['grant_type', 'outcome'] as const,
    });
  }

  issued(body: unknown): void {
    this.requests.inc({ grant_type: grantOf(body), outcome: 'issued' });
  }

  refused(body: unknown, e: unknown): void {
    this.requests.inc({ grant_type: grantOf(body), outcome: errorCode(e) });
  }
}

/** The counter around a Nest route (`POST /auth`); the token route counts itself (TokenRoute). */
@Injectable()
export class TokenMetricsInterceptor implements NestInterceptor {
  constructor(@Inject(TokenRequestCounter) private readonly counter: TokenRequestCounter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const body = context.switchToHttp().getRequest<FastifyRequest>().body;
    return next.handle().pipe(
      tap(() => this.counter.issued(body)),
      catchError((e: unknown) => {
        this.counter.refused(body, e);
        return throwError(() => e);
      }),
    );
  }
}

function grantOf(body: unknown): string {
  const asked = (body as Record<string, unknown> | undefined)?.['grant_type'];
  return typeof asked === 'string' && GRANTS.has(asked) ? asked : 'other';
}

/** The `error` the OAuth error filter answers with (a 4xx that is not an OAuthError is invalid_request). */
function errorCode(e: unknown): string {
  if (e instanceof OAuthError) return e.error;
  if (e instanceof HttpException && e.getStatus() < 500) return 'invalid_request';
  return 'server_error';
}
