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
 * Requested scopes: RFC 6749 `scope` is space-separated; `002_*` sends `scopes=a,b`. Both (and
 * commas inside `scope`, as the `002_*` password example does) are accepted.
 */
export function parseScopes(scope?: string, scopes?: string): string[] | undefined {
  const raw = [scope, scopes].filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  if (raw.length === 0) return undefined;
  return [...new Set(raw.join(' ').split(/[\s,]+/).filter(Boolean))];
}
