/** RFC 6749 §5.1 successful response. */
export class TokenResponse {
  access_token: string;
  token_type: 'bearer';
  /** Seconds until the access token expires. */
  expires_in: number;
  /** The scopes granted, space-separated. */
  scope: string;
  /** Where the client allows refresh tokens; rotated on every use. */
  refresh_token?: string;
  /** OpenID Connect (OIDC Core §3.1.3.3, §12.2): after an `openid` authorization-code sign-in. */
  id_token?: string;
}

/** `POST /auth` (`003_*` §4, §6): the token in that document's shape. */
export class LegacyAuthResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  client_id: string;
  customer_id: string;
  /** The user the token acts for. */
  user_id?: string;
  /** When it was issued (an HTTP date). */
  '.issued': string;
  /** When it expires (an HTTP date). */
  '.expires': string;
  /** `custom_sso`: the one-time key for `GET /servicelogin/sso?key=` (valid 60 s). */
  key?: string;
  refresh_token?: string;
}

/** `002_*` tokeninfo: what a token is and whether it is still good. */
export class TokenInfoResponse {
  access_token: string;
  token_type: 'bearer';
  scope: string;
  client_id: string;
  /** The user the token acts for; null for a client token. */
  user: string | null;
  expired: boolean;
  /** Seconds left (0 once expired). */
  expires_in: number;
  /** Expiry in milliseconds since the epoch. */
  expires: number;
  issued_at: string;
  expires_at: string;
  jti: string;
}

/** RFC 7662 §2.2 introspection response; only `active` when the token is not active. */
export class IntrospectionResponse {
  active: boolean;
  scope?: string;
  client_id?: string;
  sub?: string;
  username?: string;
  /** `Bearer` for an access token, `refresh_token` for a refresh token. */
  token_type?: string;
  exp?: number;
  iat?: number;
  iss?: string;
  aud?: string;
  jti?: string;
}

/** RFC 7009 §2.2: an empty object, whether or not the token existed. */
export class RevocationResponse {}
