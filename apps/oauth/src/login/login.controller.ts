import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@platform/http';
import { OauthEnv } from '../config';
import { clearCookie, readCookie, setCookie } from '../shared/cookies';
import { SlowDown } from '../errors/oauth-errors';
import { AuditTrail } from '../security/audit-trail';
import { ContinuePolicy } from './continue-policy';
import { csrfToken, csrfValid } from './csrf';
import { loginForm, messagePage, sendPage } from './pages';
import { SessionLogout } from './session-logout';
import { SESSION_COOKIE, Sessions } from './sessions';
import { SsoLogin } from './sso-login';
import { UserLogin } from './user-login';

type Form = Record<string, unknown>;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

/** `002_*` login: `/servicelogin/login?continue=`, `/servicelogin/logout?continue=`, and `003_*` SSO. */
@ApiExcludeController()
@Public()
@Controller('servicelogin')
export class LoginController {
  constructor(
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(SessionLogout) private readonly logouts: SessionLogout,
    @Inject(ContinuePolicy) private readonly continues: ContinuePolicy,
    @Inject(UserLogin) private readonly login: UserLogin,
    @Inject(SsoLogin) private readonly sso: SsoLogin,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Get('login')
  async page(
    @Query('continue') cont: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const continueUrl = await this.continues.resolve(cont);
    const csrf = csrfToken(req, reply, this.secure);
    await sendPage(reply, 200, 'Sign in', loginForm({ csrf, continueUrl }));
  }

  @Post('login')
  async submit(
    @Body() body: Form,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = body ?? {};
    if (!csrfValid(req, form['_csrf'])) {
      await sendPage(
        reply,
        403,
        'Sign in',
        messagePage('The form expired. Go back and try again.'),
      );
      return;
    }
    const continueUrl = await this.continues.resolve(text(form['continue']));
    const username = text(form['username']) ?? '';
    const csrf = csrfToken(req, reply, this.secure);
    const again = (status: number, error: string): FastifyReply =>
      sendPage(reply, status, 'Sign in', loginForm({ csrf, continueUrl, username, error }));
    try {
      const user = await this.login.attempt({
        login: username,
        password: text(form['password']) ?? '',
        ip: req.ip,
        requestId: req.id,
      });
      if (!user) {
        await again(401, 'The user name or password is incorrect.');
        return;
      }
      await this.startSession(reply, await this.sessions.open(user), continueUrl);
    } catch (e) {
      if (!(e instanceof SlowDown)) throw e;
      void reply.header('retry-after', String(e.retryAfterSeconds));
      await again(429, 'Too many failed attempts. Try again later.');
    }
  }

  @Get('logout')
  async logout(
    @Query('continue') cont: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.logouts.end(readCookie(req, SESSION_COOKIE));
    clearCookie(reply, SESSION_COOKIE, '/');
    const target = await this.continues.resolve(cont);
    if (target) {
      await reply.redirect(target, 303);
      return;
    }
    await sendPage(reply, 200, 'Signed out', messagePage('You are signed out.'));
  }

  /** `003_*` §7: the one-time key opens a session (once, within 60 s), then redirects. */
  @Get('sso')
  async ssoLogin(
    @Query('key') key: string | undefined,
    @Query('continue') cont: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const sessionId = key ? await this.sso.redeem(key) : undefined;
    if (!sessionId) {
      // Never the key itself: it may be a valid one mistyped.
      await this.audit.denied('oauth.sso_login', {
        ip: req.ip,
        requestId: req.id,
        reason: 'invalid, expired or used SSO key',
      });
      await sendPage(
        reply,
        400,
        'Sign in',
        messagePage('This sign-in link is invalid, expired or already used.'),
      );
      return;
    }
    await this.startSession(reply, sessionId, await this.continues.resolve(cont));
  }

  private async startSession(
    reply: FastifyReply,
    sessionId: string,
    continueUrl: string | undefined,
  ): Promise<void> {
    setCookie(reply, SESSION_COOKIE, sessionId, this.sessions.cookieOptions());
    if (continueUrl) await reply.redirect(continueUrl, 303);
    else await sendPage(reply, 200, 'Signed in', messagePage('You are signed in.'));
  }

  private get secure(): boolean {
    return this.env.issuer.startsWith('https:');
  }
}
