import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie, setCookie } from '../shared/cookies';
import { randomToken, safeEqual } from '../shared/crypto';

/** A double-submit cookie: its name, and the path of the form that posts it back. */
export interface CsrfCookie {
  name: string;
  path: string;
}

export const CSRF_COOKIE = 'oauth_csrf';
/** The login form's (`/servicelogin/login`). */
export const LOGIN_CSRF: CsrfCookie = { name: CSRF_COOKIE, path: '/servicelogin' };

/**
 * Double-submit CSRF token: a random value in an HttpOnly, SameSite=Strict cookie and the same
 * value in the form's hidden `_csrf` field. A cross-site page can neither read nor set the cookie,
 * so it cannot produce a matching pair.
 */
export function csrfToken(
  req: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
  cookie: CsrfCookie = LOGIN_CSRF,
): string {
  const existing = readCookie(req, cookie.name);
  const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomToken();
  setCookie(reply, cookie.name, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: cookie.path,
  });
  return token;
}

export function csrfValid(
  req: FastifyRequest,
  submitted: unknown,
  cookie: CsrfCookie = LOGIN_CSRF,
): boolean {
  const value = readCookie(req, cookie.name);
  return typeof submitted === 'string' && typeof value === 'string' && safeEqual(value, submitted);
}
