import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Put,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsOptional, IsString, Length } from 'class-validator';
import { PortalEnv } from '../config';
import { PlatformOAuth } from '../sign-in/platform-oauth';
import { SESSION_COOKIE } from './session-cookie';
import type { SessionView } from './session-view';
import { SessionEntity } from './session.entity';
import { CurrentSession, SessionGuard } from './session.guard';
import { SessionStore } from './session.store';
import { SelectContextUseCase } from './usecases/select-context.usecase';

export class SelectContextDto {
  /** The access (`User-Access`) to act with; null leaves the context. */
  @IsOptional() @IsString() @Length(1, 100) accessId!: string | null;
}

const view = (s: SessionEntity, portalClientId: string): SessionView => {
  const scopes = s.scopes.split(' ').filter(Boolean);
  return {
    signedIn: true,
    user: s.userId,
    scopes,
    platformAdmin: scopes.includes('platform.admin'),
    accessId: s.accessId,
    csrfToken: s.csrfToken,
    portalClientId,
  };
};

@Controller('portal/api')
export class SessionController {
  constructor(
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(SelectContextUseCase) private readonly selectContext: SelectContextUseCase,
    @Inject(PlatformOAuth) private readonly oauth: PlatformOAuth,
    @Inject(PortalEnv) private readonly env: PortalEnv,
  ) {}

  /** Public: tells the SPA whether to show the sign-in page. */
  @Get('session')
  async current(@Req() request: FastifyRequest): Promise<SessionView> {
    const session = await this.sessions.find(request.cookies[SESSION_COOKIE]);
    return session ? view(session, this.env.PORTAL_CLIENT_ID) : { signedIn: false };
  }

  /** Picks the context (spec §2 `User-Access`): only an active access of this user. */
  @Put('session/context')
  @UseGuards(SessionGuard)
  async select(
    @CurrentSession() session: SessionEntity,
    @Body() body: SelectContextDto,
  ): Promise<SessionView> {
    await this.selectContext.execute(session, body.accessId ?? null);
    return view(session, this.env.PORTAL_CLIENT_ID);
  }

  /** Ends the portal's session and its tokens; the SPA then ends the platform's login session. */
  @Post('session/sign-out')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async signOut(
    @CurrentSession() session: SessionEntity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ continue: string }> {
    await this.sessions.end(session);
    void reply.clearCookie(SESSION_COOKIE, { path: '/portal' });
    return { continue: this.oauth.logoutUrl() };
  }
}
