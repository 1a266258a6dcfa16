import type { CookieSerializeOptions } from '@fastify/cookie';

export const SESSION_COOKIE = 'portal_session';
export const SIGN_IN_COOKIE = 'portal_sign_in';

/**
 * HttpOnly (no script reads it), SameSite=Strict (never sent on a cross-site request: the first
 * line of CSRF defence), scoped to /portal, Secure when the platform is served over https.
 */
export function sessionCookieOptions(
  secure: boolean,
  maxAgeSeconds: number,
): CookieSerializeOptions {
  return { path: '/portal', httpOnly: true, sameSite: 'strict', secure, maxAge: maxAgeSeconds };
}

/**
 * The sign-in state (PKCE verifier and `state`) lives for the round trip to the OAuth server only.
 * Lax, because the callback is a top-level navigation that a Strict cookie might miss when the
 * login page was reached from another site.
 */
export function signInCookieOptions(secure: boolean): CookieSerializeOptions {
  return { path: '/portal/api/auth', httpOnly: true, sameSite: 'lax', secure, maxAge: 600 };
}
