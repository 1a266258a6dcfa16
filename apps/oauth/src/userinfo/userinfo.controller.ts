import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@platform/http';
import {
  InsufficientScope,
  InvalidBearerToken,
  InvalidRequest,
  OAuthError,
} from '../errors/oauth-errors';
import { ApiOAuthErrors } from '../errors/oauth-error.response';
import { UserInfo } from './userinfo';
import { UserInfoForm, UserInfoResponse } from './userinfo.response';

/** A missing token: RFC 6750 §3.1 says to name no error code then, only the scheme. */
class NoToken extends Error {}

/**
 * OIDC Core §5.3 UserInfo endpoint, GET and POST. The token comes in `Authorization: Bearer`
 * (RFC 6750 §2.1), or on POST as the form field `access_token` (§2.2) — never both (§2), never in
 * the query (§2.3 is for servers that cannot do better; this one can).
 */
@ApiTags('oauth')
@Public()
@Controller('auth/oauth2')
export class UserInfoController {
  constructor(@Inject(UserInfo) private readonly userInfo: UserInfo) {}

  @Get('userinfo')
  @ApiOkResponse({ type: UserInfoResponse })
  @ApiOAuthErrors(400, 401, 403)
  async get(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(req, reply, undefined);
  }

  @Post('userinfo')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: UserInfoForm, required: false })
  @ApiOkResponse({ type: UserInfoResponse })
  @ApiOAuthErrors(400, 401, 403)
  async post(
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.answer(req, reply, body?.['access_token']);
  }

  private async answer(req: FastifyRequest, reply: FastifyReply, fromBody: unknown): Promise<void> {
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    try {
      const token = bearerToken(req.headers.authorization, fromBody);
      await reply.status(200).send(await this.userInfo.claimsFor(token, req.id));
    } catch (e) {
      if (e instanceof NoToken) {
        await reply
          .status(401)
          .header('www-authenticate', 'Bearer realm="oauth"')
          .send({ error_description: e.message });
        return;
      }
      if (!(e instanceof OAuthError)) throw e;
      await reply
        .status(e.status)
        .header('www-authenticate', challenge(e))
        .send({ error: e.error, error_description: e.description });
    }
  }
}

function bearerToken(authorization: string | undefined, fromBody: unknown): string {
  const header = /^bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorization ?? '')?.[1];
  const body = typeof fromBody === 'string' && fromBody !== '' ? fromBody : undefined;
  if (header && body) throw new InvalidRequest('Send the access token one way, not two.');
  const token = header ?? body;
  if (token) return token;
  if (/^bearer\s/i.test(authorization ?? '')) {
    throw new InvalidBearerToken('The bearer token is malformed.');
  }
  // No token, or another scheme (Basic…): "no authentication information", §3.1.
  throw new NoToken('A bearer access token is required.');
}

/** RFC 6750 §3: the challenge names the error (and, for insufficient_scope, the scope needed). */
function challenge(e: OAuthError): string {
  const description = e.description.replace(/["\\]/g, '');
  const scope = e instanceof InsufficientScope ? `, scope="${e.scope}"` : '';
  return `Bearer realm="oauth", error="${e.error}", error_description="${description}"${scope}`;
}
