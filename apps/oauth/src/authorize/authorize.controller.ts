import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@platform/http';
import { OauthEnv } from '../config';
import { readCookie } from '../shared/cookies';
import { messagePage, sendPage } from '../login/pages';
import { SESSION_COOKIE, Sessions } from '../login/sessions';
import { Query as AuthorizeQuery, UnsafeAuthorizeRequest } from './authorize-request';
import { AuthorizeUseCase } from './authorize.usecase';

/** RFC 6749 §3.1 authorization endpoint (`response_type=code`, and `token` where allowed). */
@ApiExcludeController()
@Public()
@Controller('auth/oauth2')
export class AuthorizeController {
  constructor(
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(AuthorizeUseCase) private readonly authorize: AuthorizeUseCase,
  ) {}

  @Get('authorize')
  async get(
    @Query() query: AuthorizeQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const q = singleValued(query);
    try {
      const session = await this.sessions.find(readCookie(req, SESSION_COOKIE));
      const outcome = await this.authorize.execute(q, session, req.ip, req.id);
      if (outcome.kind === 'redirect') {
        await reply.header('cache-control', 'no-store').redirect(outcome.url, 302);
      } else {
        const here = resumeUrl(this.env.issuer, req.url, outcome.reauthenticate);
        await reply.redirect(`/servicelogin/login?continue=${encodeURIComponent(here)}`, 302);
      }
    } catch (e) {
      if (!(e instanceof UnsafeAuthorizeRequest)) throw e;
      await sendPage(reply, 400, 'Authorization failed', messagePage(e.message));
    }
  }
}

/** RFC 6749 §3.1: parameters must not repeat; a repeated one is treated as absent. */
function singleValued(query: Record<string, unknown>): AuthorizeQuery {
  const out: AuthorizeQuery = {};
  for (const [k, v] of Object.entries(query ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * This request, to resume after the sign-in. Once the user has signed in again for `prompt=login`
 * or `max_age`, the resumed request must not ask for it again (that would loop; `max_age=0`
 * always would): both are dropped, and the fresh session's `auth_time` satisfies them.
 */
function resumeUrl(issuer: string, requestUrl: string, reauthenticate: boolean): string {
  const here = `${issuer}${requestUrl}`;
  if (!reauthenticate) return here;
  const url = new URL(here);
  url.searchParams.delete('prompt');
  url.searchParams.delete('max_age');
  return url.href;
}
