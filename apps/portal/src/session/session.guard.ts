import { timingSafeEqual } from 'node:crypto';
import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PortalEnv } from '../config';
import { SESSION_COOKIE } from './session-cookie';
import { SessionEntity } from './session.entity';
import { SessionStore } from './session.store';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type PortalRequest = FastifyRequest & { portalSession?: SessionEntity };

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Every BFF route but sign-in needs a live session. State-changing calls must also prove they come
 * from the portal's own page (CSRF, OWASP cheat sheet): the session's synchronizer token in
 * `x-csrf-token` (a cross-site form cannot set a header, and a cross-site script cannot read the
 * token), and, when the browser says where it comes from, the platform's own origin.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(PortalEnv) private readonly env: PortalEnv,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PortalRequest>();
    const session = await this.sessions.find(request.cookies[SESSION_COOKIE]);
    if (!session) throw new UnauthorizedException('Sign in to use the portal.');
    if (!SAFE_METHODS.has(request.method)) this.checkCsrf(request, session);
    request.portalSession = session;
    return true;
  }

  private checkCsrf(request: FastifyRequest, session: SessionEntity): void {
    const origin = request.headers['origin'];
    if (origin && origin !== new URL(this.env.publicUrl()).origin)
      throw new ForbiddenException('The request comes from another site.');
    if (request.headers['sec-fetch-site'] === 'cross-site')
      throw new ForbiddenException('The request comes from another site.');
    const token = request.headers[CSRF_HEADER];
    if (typeof token !== 'string' || !sameSecret(token, session.csrfToken))
      throw new ForbiddenException(
        `The ${CSRF_HEADER} header is missing or wrong; reload the page.`,
      );
  }
}

/** The session SessionGuard found for this request. */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const session = context.switchToHttp().getRequest<PortalRequest>().portalSession;
  if (!session) throw new UnauthorizedException('Sign in to use the portal.');
  return session;
});
