/** Every scope the platform's route table knows (spec §2); the bootstrap client holds them all. */
export const KNOWN_SCOPES = [
  'platform.admin',
  'user-accounts.suite',
  'licenses.suite',
  'suite.services',
  'users.suite',
  'notifications.suite',
  'webhooks.suite',
  'audit.read',
] as const;

export const PLATFORM_ADMIN = 'platform.admin';

/**
 * OpenID Connect scopes (OIDC Core §3.1.2.1, §5.4). `openid` makes an authorization-code sign-in
 * an OpenID authentication (an ID token comes back, and `userinfo` answers); `profile` and `email`
 * choose the `userinfo` claims. A client holds them like any other scope.
 */
export const OPENID = 'openid';
export const OIDC_SCOPES = [OPENID, 'profile', 'email'] as const;

/**
 * Requested scopes: RFC 6749 `scope` is space-separated; `002_*` sends `scopes=a,b`. Both (and
 * commas inside `scope`, as the `002_*` password example does) are accepted.
 */
export function parseScopes(scope?: string, scopes?: string): string[] | undefined {
  const raw = [scope, scopes].filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  if (raw.length === 0) return undefined;
  return [
    ...new Set(
      raw
        .join(' ')
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ];
}
