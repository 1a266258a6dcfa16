import { type ProblemKindName, problemTypeUri } from '@platform/http';
import { GatewayHttpException } from '../proxy/problem-reply';
import type { LicenseProblem, LicenseRefusal } from './projections/license-view';

const REALM = 'platform';

/** Quoted-string of RFC 9110 §5.6.4: no quotes or backslashes left to break the header. */
const quoted = (s: string): string => `"${s.replace(/["\\\r\n]/g, '')}"`;

/** Why a request was refused, as recorded in the audit trail (`security.decision`). */
export type RefusalReason =
  | 'missing_token'
  | 'invalid_token'
  | 'expired_token'
  | 'revoked_token'
  | 'insufficient_scope'
  | 'user_token_required'
  | 'missing_permission'
  | 'invalid_user_access'
  | 'license_inactive'
  | 'endpoint_not_allowed'
  | 'rate_limited'
  | 'starting';

/**
 * The problem type (docs/problems.md) of each refusal; a request without any token stays a plain
 * 401 (`about:blank`), its challenge is all there is to say.
 */
const PROBLEM_KIND: Record<RefusalReason, ProblemKindName | undefined> = {
  missing_token: undefined,
  invalid_token: 'invalid-token',
  expired_token: 'invalid-token',
  revoked_token: 'invalid-token',
  insufficient_scope: 'insufficient-scope',
  user_token_required: 'permission-required',
  missing_permission: 'permission-required',
  invalid_user_access: 'invalid-user-access',
  license_inactive: 'license-inactive',
  endpoint_not_allowed: 'endpoint-not-allowed',
  rate_limited: 'rate-limited',
  starting: 'gateway-starting',
};

/** An HTTP refusal that also says, for the audit trail, why and for whom. */
export class AuthRefusal extends GatewayHttpException {
  constructor(
    readonly reason: RefusalReason,
    status: number,
    detail: string,
    headers: Record<string, string>,
    /** RFC 9457 extension members of the problem (e.g. `code`). */
    extensions?: Record<string, string>,
  ) {
    const kind = PROBLEM_KIND[reason];
    const type = kind ? { type: problemTypeUri(kind) } : {};
    super({ message: detail, ...extensions, ...type }, status, headers);
  }
}

/** RFC 6750 §3.1: a request without credentials gets a challenge with no error code. */
export function missingToken(): AuthRefusal {
  return new AuthRefusal('missing_token', 401, 'A bearer token is required.', {
    'WWW-Authenticate': `Bearer realm=${quoted(REALM)}`,
  });
}

/** RFC 6750 §3.1 `invalid_token`: malformed, expired, revoked or not ours. */
export function invalidToken(reason: RefusalReason, description: string): AuthRefusal {
  return new AuthRefusal(reason, 401, description, {
    'WWW-Authenticate': `Bearer realm=${quoted(REALM)}, error="invalid_token", error_description=${quoted(description)}`,
  });
}

/** RFC 6750 §3.1 `insufficient_scope`, naming the scopes the route needs. */
export function insufficientScope(scopes: string[], description: string): AuthRefusal {
  return new AuthRefusal('insufficient_scope', 403, description, {
    'WWW-Authenticate': `Bearer realm=${quoted(REALM)}, error="insufficient_scope", scope=${quoted(scopes.join(' '))}`,
  });
}

/** A `User-Access` the caller may not use (spec §2): 403 without a token error. */
export function forbiddenContext(reason: RefusalReason, description: string): AuthRefusal {
  return new AuthRefusal(reason, 403, description, {});
}

const LICENSE_TEXT: Record<LicenseProblem, string> = {
  NOT_FOUND: 'is unknown',
  EXPIRED: 'has expired',
  REVOKED: 'was revoked',
  NOT_YET_VALID: 'is not valid yet',
};

/**
 * The client's access is bound to a license that is not valid now (`000_*`): 403 with the
 * problem's `code` `license_inactive` and `reason` one of spec §4's validation codes.
 */
export function licenseInactive(refusal: LicenseRefusal): AuthRefusal {
  const detail = `The license of this client (${refusal.license}) ${LICENSE_TEXT[refusal.code]}.`;
  return new AuthRefusal(
    'license_inactive',
    403,
    detail,
    {},
    {
      code: 'license_inactive',
      reason: refusal.code,
      license: refusal.license,
    },
  );
}

/** An endpoint-limited client access token used on another endpoint (`000_*`, `004_*`). */
export function endpointNotAllowed(endpoint: string | undefined): AuthRefusal {
  const detail = endpoint
    ? `This token may not call ${endpoint}.`
    : 'This token may call only the endpoints it names; this is not one of them.';
  return new AuthRefusal('endpoint_not_allowed', 403, detail, {}, { code: 'endpoint_not_allowed' });
}

export function rateLimited(
  headers: Record<string, string>,
  retryAfterSeconds: number,
): AuthRefusal {
  return new AuthRefusal('rate_limited', 429, 'Too many requests for this client; retry later.', {
    ...headers,
    'Retry-After': String(retryAfterSeconds),
  });
}

/** The revocation view has not caught up with the event log yet: fail closed, briefly. */
export function notReady(): AuthRefusal {
  return new AuthRefusal('starting', 503, 'The gateway is starting; retry shortly.', {
    'Retry-After': '1',
  });
}
