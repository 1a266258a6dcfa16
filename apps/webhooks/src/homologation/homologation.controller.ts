import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { RunHomologationDto } from './dto';
import { HomologationReport } from './homologation.response';
import { RunHomologationUseCase } from './usecases/run-homologation.usecase';

/** `POST /api/v1/webhooks/{id}/homologation`: the receiver's self-homologation checks, run now. */
@ApiTags('webhooks')
@Scopes('webhooks.suite')
@Controller('api/v1')
export class HomologationController {
  constructor(private readonly homologation: RunHomologationUseCase) {}

  @Post('webhooks/:id/homologation')
  @HttpCode(200)
  run(
    @Principal() caller: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: RunHomologationDto,
  ): Promise<HomologationReport> {
    return this.homologation.execute(caller, id, body?.run);
  }
}
