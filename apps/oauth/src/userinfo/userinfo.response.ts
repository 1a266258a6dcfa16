/** OIDC Core §5.3.2 UserInfo response: the claims the token's scopes release. */
export class UserInfoResponse {
  /** The user's login (`subject_types_supported: public`). */
  sub: string;
  /** With `profile`. */
  name?: string;
  /** With `profile`: the login again. */
  preferred_username?: string;
  /** With `email`, when the user has one. */
  email?: string;
}

/** `POST userinfo` may carry the token in its form instead of the header (RFC 6750 §2.2). */
export class UserInfoForm {
  access_token?: string;
}
