import { Controller, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@platform/http';
import { OAuthErrorFilter } from '../errors/oauth-error.filter';
import { ApiOAuthErrors } from '../errors/oauth-error.response';
import { TokenRequestForm } from './dto/token.dto';
import { TokenResponse } from './dto/token.response';
import { TokenRoute } from './token-route';

@ApiTags('oauth')
@Public()
@UseFilters(OAuthErrorFilter)
@Controller('auth/oauth2')
export class TokenController {
  constructor(@Inject(TokenRoute) private readonly route: TokenRoute) {}

  /** RFC 6749 §3.2 token endpoint (form body). */
  @Post('token')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenRequestForm })
  @ApiOkResponse({ type: TokenResponse })
  @ApiOAuthErrors(400, 401, 429)
  async token(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Declared here for the OpenAPI document and Nest's route table; `installTokenRoute`
    // (bootstrap) serves it with `TokenRoute` straight from Fastify (ADR 0024). Reached through
    // Nest only in an app built without that step, and then answered by the same handler.
    await this.route.handle(req, reply);
  }
}
