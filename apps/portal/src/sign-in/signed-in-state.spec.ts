import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SecretBox } from '@platform/auth';
import { SIGN_IN_COOKIE } from '../session/session-cookie';
import { safeReturnPath, SealedCookieStateStore } from './signed-in-state';

describe('safeReturnPath (no open redirect after sign-in)', () => {
  it.each([
    ['/portal/webhooks/42', '/portal/webhooks/42'],
    ['/portal/', '/portal/'],
    ['//evil.example/portal/', '/portal/'],
    ['/portal//evil.example', '/portal/'],
    ['/portal/\\evil.example', '/portal/'],
    ['https://evil.example/portal/', '/portal/'],
    ['/servicelogin/logout', '/portal/'],
    [undefined, '/portal/'],
    [['/portal/a'], '/portal/'],
  ])('%p → %p', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});

describe('SealedCookieStateStore (passport-oauth2 PKCE state)', () => {
  const box = new SecretBox(randomBytes(32));
  const store = new SealedCookieStateStore(box, false);

  /** A request/reply pair that keeps the cookies the store sets. */
  function roundTrip(query: Record<string, string> = {}) {
    const jar: Record<string, string> = {};
    const reply = {
      setCookie: (name: string, value: string) => (jar[name] = value),
      clearCookie: (name: string) => delete jar[name],
    } as unknown as FastifyReply;
    const request = (cookies: Record<string, string>) =>
      ({ query, cookies, fastifyReply: reply }) as unknown as FastifyRequest & {
        returnTo?: string;
      };
    return { jar, request };
  }

  const stored = (query: Record<string, string>) => {
    const trip = roundTrip(query);
    let handle = '';
    store.store(
      trip.request({}),
      'the-verifier',
      undefined,
      undefined,
      (_e, h) => (handle = h ?? ''),
    );
    return { ...trip, handle };
  };

  it('gives the verifier and the return path back for the state it issued', () => {
    const { jar, request, handle } = stored({ returnTo: '/portal/licenses' });
    expect(jar[SIGN_IN_COOKIE]).not.toContain('the-verifier');
    const req = request({ [SIGN_IN_COOKIE]: jar[SIGN_IN_COOKIE]! });
    let result: unknown;
    store.verify(req, handle, (_e, ok) => (result = ok));
    expect(result).toBe('the-verifier');
    expect(req.returnTo).toBe('/portal/licenses');
    expect(jar[SIGN_IN_COOKIE]).toBeUndefined(); // one use
  });

  it('refuses another state, a missing cookie and a cookie sealed with another key', () => {
    const { jar, request, handle } = stored({});
    const cookie = jar[SIGN_IN_COOKIE]!;
    const outcome = (req: FastifyRequest, state: string) => {
      let ok: unknown;
      store.verify(req, state, (_e, v) => (ok = v));
      return ok;
    };
    expect(outcome(request({ [SIGN_IN_COOKIE]: cookie }), `${handle}x`)).toBe(false);
    expect(outcome(request({}), handle)).toBe(false);
    const foreign = new SealedCookieStateStore(new SecretBox(randomBytes(32)), false);
    let ok: unknown;
    foreign.verify(request({ [SIGN_IN_COOKIE]: cookie }), handle, (_e, v) => (ok = v));
    expect(ok).toBe(false);
  });
});
