/**
 * The token endpoint's form (RFC 6749 §4, `application/x-www-form-urlencoded`), for the API
 * reference: the grant decides which fields it takes (token-endpoint.ts validates them).
 */
export class TokenRequestForm {
  grant_type:
    'client_credentials' | 'authorization_code' | 'refresh_token' | 'password' | 'custom_sso';
  /** Space-separated (RFC 6749 §3.3); `scopes` (comma-separated, `002_*`) works too. */
  scope?: string;
  /** `002_*`: comma-separated scopes. */
  scopes?: string;
  /** `authorization_code`: the code from the redirect. */
  code?: string;
  /** `authorization_code`: the exact redirect URI of the authorization request. */
  redirect_uri?: string;
  /** `authorization_code`: the PKCE verifier (RFC 7636), required for public clients. */
  code_verifier?: string;
  /** `refresh_token`: the refresh token (rotated on every use). */
  refresh_token?: string;
  /** `password`: the user's login. */
  username?: string;
  /** `password`: the user's password. */
  password?: string;
  /** `client_secret_post`, or a public client's id. */
  client_id?: string;
  /** `client_secret_post` (else HTTP Basic, `client_secret_basic`). */
  client_secret?: string;
  /** `custom_sso` (`003_*`): the customer. */
  customer_id?: string;
  /** `custom_sso` (`003_*`): the customer's token. */
  customer_token?: string;
  /** `custom_sso` (`003_*`): the user's identifier in the client application. */
  user_identifier?: string;
}

/** RFC 7009 revocation and RFC 7662 introspection forms. */
export class TokenForm {
  token: string;
  token_type_hint?: 'access_token' | 'refresh_token';
  /** `client_secret_post` (else HTTP Basic). */
  client_id?: string;
  client_secret?: string;
}
