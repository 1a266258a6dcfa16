import { ApiExcludeController } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { Scopes } from '@platform/auth';
import { VerifyCredentialsUseCase } from '../credentials/verify-credentials.usecase';
import { UserEntity } from '../usuarios/user.entity';
import { GetUserUseCase } from '../usuarios/usecases/get-user.usecase';
import { InternalUser, VerifyCredentialsDto } from './dto/verify-credentials.dto';
import { INTERNAL_CREDENTIALS_SCOPE, InternalOnlyGuard } from './internal-only.guard';

const toInternalUser = (u: UserEntity): InternalUser => ({
  id: u.id,
  name: u.name,
  email: u.email,
  status: u.status,
  platformAdmin: u.platformAdmin,
  permissions: u.permissions,
});

/** Routes only oauth calls, with an assertion it signs itself; not in the gateway's route table. */
@ApiExcludeController()
@Scopes(INTERNAL_CREDENTIALS_SCOPE)
@UseGuards(InternalOnlyGuard)
@Controller('internal/v1')
export class InternalController {
  constructor(
    private readonly verifyCredentials: VerifyCredentialsUseCase,
    private readonly getUser: GetUserUseCase,
  ) {}

  @Post('credentials/verify')
  @HttpCode(200)
  async verify(@Body() body: VerifyCredentialsDto): Promise<InternalUser> {
    return toInternalUser(await this.verifyCredentials.execute(body.login, body.password));
  }

  @Get('users/:id')
  async user(@Param('id') id: string): Promise<InternalUser> {
    return toInternalUser(await this.getUser.execute(id));
  }
}
