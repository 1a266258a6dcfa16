import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@platform/http';
import { OAuthErrorFilter } from '../errors/oauth-error.filter';
import { ApiOAuthErrors } from '../errors/oauth-error.response';
import { TokenRequestForm } from './dto/token.dto';
import { LegacyAuthResponse } from './dto/token.response';
import { TokenMetricsInterceptor } from './token-metrics.interceptor';
import { LegacyAuthUseCase } from './usecases/legacy-auth.usecase';

/** Token responses must not be cached (RFC 6749 §5.1). */
function noStore(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

/** `003_*`'s URL at the root: no API prefix. */
@ApiTags('oauth')
@Public()
@UseFilters(OAuthErrorFilter)
@Controller()
export class LegacyAuthController {
  constructor(@Inject(LegacyAuthUseCase) private readonly legacyAuthUseCase: LegacyAuthUseCase) {}

  /** `003_*` §4 and §6: `POST /auth` with `customer_id`, answered in that document's shape. */
  @Post('auth')
  @UseInterceptors(TokenMetricsInterceptor)
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenRequestForm })
  @ApiOkResponse({ type: LegacyAuthResponse })
  @ApiOAuthErrors(400, 401, 429)
  async legacyAuth(
    @Body() body: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LegacyAuthResponse> {
    noStore(reply);
    return this.legacyAuthUseCase.execute({
      body: body ?? {},
      authorization,
      ip: req.ip,
      requestId: req.id,
    });
  }
}
