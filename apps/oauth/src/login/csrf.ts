import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie, setCookie } from '../shared/cookies';
import { randomToken, safeEqual } from '../shared/crypto';

export const CSRF_COOKIE = 'oauth_csrf';

/**
 * Double-submit CSRF token: a random value in an HttpOnly, SameSite=Strict cookie and the same
 * value in the form's hidden `_csrf` field. A cross-site page can neither read nor set the cookie,
 * so it cannot produce a matching pair.
 */
export function csrfToken(req: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = readCookie(req, CSRF_COOKIE);
  const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomToken();
  setCookie(reply, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/servicelogin' });
  return token;
}

export function csrfValid(req: FastifyRequest, submitted: unknown): boolean {
  const cookie = readCookie(req, CSRF_COOKIE);
  return typeof submitted === 'string' && typeof cookie === 'string' && safeEqual(cookie, submitted);
}
