import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@platform/http';
import { OauthEnv } from '../config';
import { CsrfCookie, csrfToken, csrfValid } from '../login/csrf';
import { logoutConfirmForm, messagePage, sendPage } from '../login/pages';
import { SessionLogout } from '../login/session-logout';
import type { SessionEntity } from '../login/session.entities';
import { SESSION_COOKIE, Sessions } from '../login/sessions';
import { clearCookie, readCookie } from '../shared/cookies';
import {
  CheckedLogout,
  EndSessionRequests,
  LOGOUT_PARAMS,
  LogoutParams,
  LogoutRefused,
} from './end-session-request';

const PATH = '/auth/oauth2/logout';
/** The confirmation form's double-submit cookie, sent back only to this endpoint. */
const LOGOUT_CSRF: CsrfCookie = { name: 'oauth_logout_csrf', path: PATH };

/**
 * OIDC RP-Initiated Logout 1.0 (`end_session_endpoint`), GET and POST. A hint for the browser's
 * current session signs it out at once; without one (or for another session) the user is asked
 * first (§2 "MUST ask"), so a cross-site link cannot sign anyone out. Then the browser goes to the
 * registered `post_logout_redirect_uri` with `state`, or sees a signed-out page.
 */
@ApiExcludeController()
@Public()
@Controller('auth/oauth2')
export class EndSessionController {
  constructor(
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(SessionLogout) private readonly logouts: SessionLogout,
    @Inject(EndSessionRequests) private readonly requests: EndSessionRequests,
  ) {}

  @Get('logout')
  async get(
    @Query() query: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(logoutParams(query), req, reply, false);
  }

  @Post('logout')
  async post(
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = body ?? {};
    if (form['_csrf'] === undefined) {
      // A relying party's form post: the SameSite=Lax session cookie does not ride a cross-site
      // POST, so the same request is sent again as a top-level GET, which it does ride.
      const query = new URLSearchParams(definedOnly(logoutParams(form)));
      await reply.header('cache-control', 'no-store').redirect(`${PATH}?${query}`, 303);
      return;
    }
    if (!csrfValid(req, form['_csrf'], LOGOUT_CSRF)) {
      await sendPage(
        reply,
        403,
        'Sign out',
        messagePage('The form expired. Go back and try again.'),
      );
      return;
    }
    await this.handle(logoutParams(form), req, reply, true);
  }

  private async handle(
    params: LogoutParams,
    req: FastifyRequest,
    reply: FastifyReply,
    confirmed: boolean,
  ): Promise<void> {
    let checked: CheckedLogout;
    try {
      checked = await this.requests.check(params);
    } catch (e) {
      if (!(e instanceof LogoutRefused)) throw e;
      await sendPage(reply, 400, 'Sign out failed', messagePage(e.message));
      return;
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    const session = await this.sessions.find(cookie);
    if (session && !confirmed && !hintMatches(checked, session)) {
      const csrf = csrfToken(req, reply, this.env.issuer.startsWith('https:'), LOGOUT_CSRF);
      await sendPage(
        reply,
        200,
        'Sign out',
        logoutConfirmForm({ csrf, fields: { ...checked.params } }),
      );
      return;
    }
    if (session) await this.logouts.end(cookie);
    clearCookie(reply, SESSION_COOKIE, '/');
    if (checked.target)
      await reply.header('cache-control', 'no-store').redirect(checked.target, 303);
    else await sendPage(reply, 200, 'Signed out', messagePage('You are signed out.'));
  }
}

/** The hint names this browser's session: the relying party signs out its own sign-in. */
function hintMatches(checked: CheckedLogout, session: SessionEntity): boolean {
  return checked.hint?.sub === session.userId && checked.hint.sid === session.sid;
}

/** The known parameters, each once (a repeated one is treated as absent, as at /authorize). */
function logoutParams(source: Record<string, unknown>): LogoutParams {
  const params: LogoutParams = {};
  for (const name of LOGOUT_PARAMS) {
    const value = source[name];
    if (typeof value === 'string' && value !== '') params[name] = value;
  }
  return params;
}

function definedOnly(params: LogoutParams): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
