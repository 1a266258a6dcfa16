import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@platform/auth';
import { type ContextAdmin, ContextAdminCaller } from '../context/context-admin';
import { ClientChecksUseCase, type ClientCheckReport } from './client-checks.usecase';
import { TokenCheckReport } from './dto/check-report.response';
import { CheckTokenDto } from './dto/check-token.dto';

/**
 * `POST /auth/oauth2/context/clients/{id}/checks/token`: the application's self-homologation
 * checks (its token, and a read-only call to each API its scopes allow), run now, each answered
 * with its evidence and published for authorizations to count towards the run.
 */
@ApiTags('oauth context clients')
@Scopes('user-accounts.suite')
@Controller('auth/oauth2')
export class ClientChecksController {
  constructor(@Inject(ClientChecksUseCase) private readonly checks: ClientChecksUseCase) {}

  @Post('context/clients/:id/checks/token')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenCheckReport })
  checkToken(
    @ContextAdminCaller() caller: ContextAdmin,
    @Param('id') id: string,
    @Body() body: CheckTokenDto,
  ): Promise<ClientCheckReport> {
    return this.checks.run(caller, id, body.client_secret, body.run);
  }
}
