import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SecretBox } from '@platform/auth';
import { SIGN_IN_COOKIE, signInCookieOptions } from '../session/session-cookie';

type Done = (err: Error | null, ok?: string | false, state?: unknown) => void;

/** Where the user was going when sign-in started; only a path under /portal/ (no open redirect). */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/portal\/(?![/\\])[^\s]*$/.test(value)
    ? value
    : '/portal/';
}

/**
 * passport-oauth2's state store for PKCE (its `store(req, verifier, state, meta, cb)` and
 * `verify(req, state, cb)` protocol): the `state` handle, the code verifier and the return path
 * travel in a short-lived cookie sealed with the session key, so sign-in needs no server-side
 * row before the user is known, and a callback without that cookie (a forged one) is refused.
 */
export class SealedCookieStateStore {
  constructor(
    private readonly box: SecretBox,
    private readonly secure: boolean,
  ) {}

  store(
    req: FastifyRequest,
    verifier: string,
    _state: unknown,
    _meta: unknown,
    done: (err: Error | null, handle?: string) => void,
  ): void {
    const handle = randomBytes(24).toString('base64url');
    const returnTo = safeReturnPath((req.query as Record<string, unknown>)['returnTo']);
    const sealed = this.box.seal(JSON.stringify({ handle, verifier, returnTo }), 'portal-sign-in');
    replyOf(req).setCookie(SIGN_IN_COOKIE, sealed, signInCookieOptions(this.secure));
    done(null, handle);
  }

  verify(req: FastifyRequest, providedState: string, done: Done): void {
    const sealed = req.cookies[SIGN_IN_COOKIE];
    replyOf(req).clearCookie(SIGN_IN_COOKIE, { path: signInCookieOptions(this.secure).path });
    if (!sealed)
      return done(null, false, {
        message: 'The sign-in took too long or was not started here; try again.',
      });
    let saved: { handle: string; verifier: string; returnTo: string };
    try {
      saved = JSON.parse(this.box.open(sealed, 'portal-sign-in')) as typeof saved;
    } catch {
      return done(null, false, { message: 'The sign-in state is not valid; try again.' });
    }
    const a = Buffer.from(saved.handle);
    const b = Buffer.from(String(providedState ?? ''));
    if (a.length !== b.length || !timingSafeEqual(a, b))
      return done(null, false, { message: 'The sign-in state does not match; try again.' });
    (req as FastifyRequest & { returnTo?: string }).returnTo = safeReturnPath(saved.returnTo);
    done(null, saved.verifier, saved);
  }
}

/** The guard puts the reply on the request so the store can set its cookie. */
export function replyOf(req: FastifyRequest): FastifyReply {
  const reply = (req as FastifyRequest & { fastifyReply?: FastifyReply }).fastifyReply;
  if (!reply) throw new Error('the sign-in guard did not attach the reply');
  return reply;
}
