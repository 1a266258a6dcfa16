/** The credential kinds of `002_*`. */
export const CLIENT_KINDS = ['service', 'server', 'browser', 'anonymous', 'password'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export const GRANT_TYPES = [
  'client_credentials',
  'authorization_code',
  'refresh_token',
  'password',
  'implicit',
  'custom_sso',
] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/**
 * What each kind may do by default. `password` and `implicit` are legacy (RFC 9700 §2.4, §2.1.2):
 * only the `password` kind gets the password grant, and implicit is never on by default — a
 * browser/anonymous client must list it explicitly in `grantTypes`.
 */
export const DEFAULT_GRANTS: Record<ClientKind, GrantType[]> = {
  service: ['client_credentials'],
  server: ['authorization_code', 'refresh_token', 'custom_sso'],
  browser: ['authorization_code', 'refresh_token'],
  anonymous: ['authorization_code'],
  password: ['password', 'refresh_token'],
};

/** Kinds that hold a secret (confidential clients, RFC 6749 §2.1). */
export const CONFIDENTIAL_KINDS: ReadonlySet<ClientKind> = new Set([
  'service',
  'server',
  'password',
]);

/**
 * Grants a kind may be given at all; asking for another one is a 400 at creation. A `password`
 * client may also list `custom_sso` (with a secret): the `003_*` Engage flow uses one client for
 * the manager's password token, the identifier mapping and the SSO grant. No kind has both by
 * default.
 */
export const ALLOWED_GRANTS: Record<ClientKind, GrantType[]> = {
  service: ['client_credentials'],
  server: ['authorization_code', 'refresh_token', 'custom_sso', 'client_credentials'],
  browser: ['authorization_code', 'refresh_token', 'implicit'],
  anonymous: ['authorization_code', 'implicit'],
  password: ['password', 'refresh_token', 'client_credentials', 'custom_sso'],
};

/** Grants whose client must authenticate with a secret (RFC 6749 §4.4; `003_*` §6 `client_secret`). */
export const SECRET_GRANTS: ReadonlySet<GrantType> = new Set(['client_credentials', 'custom_sso']);
