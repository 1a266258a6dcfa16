import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@platform/http';
import { OAuthErrorFilter } from '../errors/oauth-error.filter';
import { ApiOAuthErrors } from '../errors/oauth-error.response';
import { TokenForm } from './dto/token.dto';
import { IntrospectionResponse, RevocationResponse, TokenInfoResponse } from './dto/token.response';
import { GetTokenInfoUseCase } from './usecases/get-token-info.usecase';
import { IntrospectTokenUseCase } from './usecases/introspect-token.usecase';
import { RevokeTokenUseCase } from './usecases/revoke-token.usecase';

@ApiTags('oauth')
@Public()
@UseFilters(OAuthErrorFilter)
@Controller('auth/oauth2')
export class TokenInfoController {
  constructor(
    @Inject(GetTokenInfoUseCase) private readonly tokenInfo: GetTokenInfoUseCase,
    @Inject(IntrospectTokenUseCase) private readonly introspection: IntrospectTokenUseCase,
    @Inject(RevokeTokenUseCase) private readonly revocation: RevokeTokenUseCase,
  ) {}

  /** `002_*` tokeninfo: what a token is and whether it is still good (`expired`). */
  @Get('tokeninfo')
  @ApiOkResponse({ type: TokenInfoResponse })
  @ApiOAuthErrors(400)
  async tokeninfo(
    @Query('access_token') token: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<object> {
    void reply.header('cache-control', 'no-store');
    return this.tokenInfo.execute(token);
  }

  /** RFC 7662, for the client that owns the token or an administrator client. */
  @Post('introspect')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenForm })
  @ApiOkResponse({ type: IntrospectionResponse })
  @ApiOAuthErrors(400, 401, 429)
  async introspect(
    @Body() body: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<object> {
    void reply.header('cache-control', 'no-store');
    return this.introspection.execute({
      authorization,
      body: body ?? {},
      ip: req.ip,
      requestId: req.id,
    });
  }

  /** RFC 7009 revocation. */
  @Post('revoke')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenForm })
  @ApiOkResponse({ type: RevocationResponse })
  @ApiOAuthErrors(400, 401, 429)
  async revoke(
    @Body() body: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<Record<string, never>> {
    await this.revocation.execute({
      authorization,
      body: body ?? {},
      ip: req.ip,
      requestId: req.id,
    });
    return {};
  }
}
