/**
 * One class per RFC 6749 §5.2 / RFC 7009 / RFC 6750 error code. `error_description` is safe to
 * show; `cause` (for logs) never reaches the response.
 */
export abstract class OAuthError extends Error {
  abstract readonly error: string;
  readonly status: number = 400;
  /** Already on the audit trail (a failed login, a wrong customer token): not recorded twice. */
  recorded = false;
  constructor(
    readonly description: string,
    options?: { cause?: unknown },
  ) {
    super(description, options);
  }

  alreadyRecorded(): this {
    this.recorded = true;
    return this;
  }
}

export class InvalidRequest extends OAuthError {
  readonly error = 'invalid_request';
}

/**
 * RFC 6749 §5.2: 401. A client that authenticated with the Authorization header must get a
 * `WWW-Authenticate` matching its scheme; Basic is the only scheme this server accepts there, so
 * the filter sends `Basic realm="oauth"` (RFC 7617 defines no error parameter for Basic; the
 * error is in the body) on every invalid_client, also
 * when the client used `client_secret_post` or sent only `client_id` (allowed, not required).
 */
export class InvalidClient extends OAuthError {
  readonly error = 'invalid_client';
  override readonly status: number = 401;
}

export class InvalidGrant extends OAuthError {
  readonly error = 'invalid_grant';
}

export class UnauthorizedClient extends OAuthError {
  readonly error = 'unauthorized_client';
}

export class UnsupportedGrantType extends OAuthError {
  readonly error = 'unsupported_grant_type';
}

export class InvalidScope extends OAuthError {
  readonly error = 'invalid_scope';
}

export class AccessDenied extends OAuthError {
  readonly error = 'access_denied';
  override readonly status: number = 403;
}

export class UnsupportedResponseType extends OAuthError {
  readonly error = 'unsupported_response_type';
}

/** Throttled: 429 with `Retry-After` (seconds). */
export class SlowDown extends OAuthError {
  readonly error = 'slow_down';
  override readonly status: number = 429;
  constructor(
    description: string,
    readonly retryAfterSeconds: number,
  ) {
    super(description);
  }
}

/**
 * RFC 6750 §3.1 at a protected resource (`userinfo`): the access token is expired, revoked,
 * malformed or not ours (401). (`002_*` tokeninfo answers its own 400.)
 */
export class InvalidBearerToken extends OAuthError {
  readonly error = 'invalid_token';
  override readonly status: number = 401;
}

/** RFC 6750 §3.1: the token lacks the scope the resource needs (403). */
export class InsufficientScope extends OAuthError {
  readonly error = 'insufficient_scope';
  override readonly status: number = 403;
  constructor(
    description: string,
    readonly scope: string,
  ) {
    super(description);
  }
}

/** OIDC Core §3.1.2.6: `prompt=none` and the user must sign in. */
export class LoginRequired extends OAuthError {
  readonly error = 'login_required';
}

/** OIDC Core §3.1.2.6: `prompt=select_account`; this server keeps one session per browser. */
export class AccountSelectionRequired extends OAuthError {
  readonly error = 'account_selection_required';
}

/** OIDC Core §3.1.2.6 / §6: request objects are not supported (discovery says so). */
export class RequestNotSupported extends OAuthError {
  readonly error = 'request_not_supported';
}

export class RequestUriNotSupported extends OAuthError {
  readonly error = 'request_uri_not_supported';
}

export class RegistrationNotSupported extends OAuthError {
  readonly error = 'registration_not_supported';
}
