import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';

/** RFC 6749 §5.2 error response: what the OAuth endpoints answer instead of a problem. */
export class OAuthErrorResponse {
  /**
   * The RFC 6749 / RFC 6750 / RFC 7009 code, e.g. `invalid_grant`, `invalid_client`; absent only
   * when userinfo got no credentials at all (RFC 6750 §3.1: no error code then).
   */
  error?: string;
  /** What went wrong, for a developer to read. */
  error_description?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'An RFC 6749 §5.2 error (`invalid_request`, `invalid_grant`, `unsupported_grant_type`, `invalid_scope`, …).',
  401: 'The client (or the bearer token) could not be authenticated: `invalid_client` with `WWW-Authenticate` (or `invalid_token`).',
  403: 'The token lacks a scope (`insufficient_scope`).',
  429: 'Too many failed attempts from this source (`slow_down`): retry after `Retry-After` seconds.',
};

/**
 * The errors of an OAuth endpoint, in RFC 6749 JSON (`{error, error_description}`, Cache-Control
 * no-store). `x-problems` tells the document's problem mechanism (libs/http) that, of its
 * problems, only a body over the limit (413) and the gateway's own refusals apply here.
 */
export const ApiOAuthErrors = (...statuses: (400 | 401 | 403 | 429)[]): MethodDecorator =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: OAuthErrorResponse }),
    ),
    ApiExtension('x-problems', [413]),
  );
