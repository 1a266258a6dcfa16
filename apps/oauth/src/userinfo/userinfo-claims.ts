import type { DirectoryUser } from '../users-client/users-directory';

/**
 * Every claim this server can state about a user, by the scope that releases it (OIDC Core §5.4);
 * `sub` always. `email_verified` is not stated: the user directory does not know it, and a guess
 * would let a relying party trust an address nobody checked. `preferred_username` is the login
 * (`users`' `id`, spec §4), which is also `sub` (`subject_types_supported: public`).
 */
export const USERINFO_CLAIMS = {
  profile: ['name', 'preferred_username'],
  email: ['email'],
} as const;

/** The `userinfo` answer for a token with these scopes. */
export function userInfoClaims(
  user: DirectoryUser,
  scopes: readonly string[],
): Record<string, string> {
  const claims: Record<string, string> = { sub: user.id };
  if (scopes.includes('profile')) {
    claims['name'] = user.name;
    claims['preferred_username'] = user.id;
  }
  if (scopes.includes('email') && user.email) claims['email'] = user.email;
  return claims;
}
