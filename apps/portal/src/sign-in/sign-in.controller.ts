import { Controller, Get, Inject, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PortalEnv } from '../config';
import { SESSION_COOKIE, sessionCookieOptions } from '../session/session-cookie';
import { SessionStore } from '../session/session.store';
import type { SignedIn } from './platform.strategy';
import { SignInGuard, signInRedirectOf, type SignInFailure } from './sign-in.guard';
import { safeReturnPath } from './signed-in-state';

type CallbackRequest = FastifyRequest & { user?: SignedIn | SignInFailure; returnTo?: string };

/** The two legs of the authorization code flow (ADR 0015). */
@Controller('portal/api')
export class SignInController {
  constructor(
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(PortalEnv) private readonly env: PortalEnv,
  ) {}

  /** Starts sign-in: passport sends the browser to the authorization endpoint (PKCE, state). */
  @Get('auth/sign-in')
  @UseGuards(SignInGuard)
  start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    const location = signInRedirectOf(request);
    if (!location) return reply.redirect('/portal/?signIn=failed', 303);
    return reply.header('cache-control', 'no-store').redirect(location, 302);
  }

  /** The authorization server's redirect: passport exchanges the code; a session opens. */
  @Get('auth/callback')
  @UseGuards(SignInGuard)
  async callback(
    @Req() request: CallbackRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const outcome = request.user;
    if (!outcome || 'failed' in outcome) return reply.redirect('/portal/?signIn=failed', 303);
    const { cookie } = await this.sessions.open(outcome.userId, outcome.tokens);
    const options = sessionCookieOptions(
      this.env.secureCookies(),
      this.env.PORTAL_SESSION_TTL_SECONDS,
    );
    void reply.setCookie(SESSION_COOKIE, cookie, options);
    return reply
      .header('cache-control', 'no-store')
      .redirect(safeReturnPath(request.returnTo), 303);
  }
}
