import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { Idempotent } from '@platform/http';
import { actorOf } from '../shared/actor';
import { CreateSistemaDto, SistemaResponse } from './dto/sistema.dto';
import { CreateSistemaUseCase } from './usecases/create-sistema.usecase';

/** Systems that licenses are granted for (admin only; `system.created` keeps the audit trail). */
@ApiTags('sistemas')
@Scopes('licenses.suite', 'platform.admin')
@Controller('licenses/v0.1/api')
export class SistemasController {
  constructor(private readonly createSistema: CreateSistemaUseCase) {}

  @Post('sistemas')
  @HttpCode(201)
  @Idempotent()
  async create(
    @Principal() caller: Principal,
    @Body() body: CreateSistemaDto,
  ): Promise<SistemaResponse> {
    const s = await this.createSistema.execute(body.nome, actorOf(caller));
    return { id: s.id, nome: s.nome, createdAt: s.createdAt.toISOString() };
  }
}
