import { Body, Controller, Get, HttpCode, NotFoundException, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, ListQuery, mapPage, Page } from '@platform/http';
import { actorOf } from '../shared/actor';
import { currentContext, readableEntity } from '../shared/caller-scope';
import { CreateEntidadeDto, CreateRevendaDto } from './dto/create-entidade.dto';
import { EntidadeResponse, ResellerResponse, toEntidadeResponse } from './dto/entidade.response';
import { EntidadesRepository } from './entidades.repository';
import { CreateEntidadeUseCase } from './usecases/create-entidade.usecase';
import { CreateResellerUseCase } from './usecases/create-reseller.usecase';

/** Entities (`002_*` "Licenciamento"): the current one, those in scope, and admin creation. */
@ApiTags('entidades')
@Scopes('licenses.suite')
@Controller('licenses/v0.1/api')
export class EntidadesController {
  constructor(
    private readonly entidades: EntidadesRepository,
    private readonly createEntidade: CreateEntidadeUseCase,
    private readonly registerReseller: CreateResellerUseCase,
  ) {}

  @Get('entidades/atual')
  async current(@Principal() caller: Principal): Promise<EntidadeResponse> {
    const { entity } = currentContext(caller);
    const found = await this.entidades.findById(entity);
    if (!found) throw new NotFoundException('the entity of your context is not registered');
    return toEntidadeResponse(found);
  }

  @Get('entidades/atual/entidades')
  @ApiPageResponse(EntidadeResponse)
  async inScope(
    @Principal() caller: Principal,
    @Query() query: ListQuery,
  ): Promise<Page<EntidadeResponse>> {
    return mapPage(await this.entidades.list(query, readableEntity(caller)), toEntidadeResponse);
  }

  @Post('entidades')
  @HttpCode(201)
  @Idempotent()
  @Scopes('platform.admin')
  async create(
    @Principal() caller: Principal,
    @Body() body: CreateEntidadeDto,
  ): Promise<EntidadeResponse> {
    return toEntidadeResponse(await this.createEntidade.execute(body, actorOf(caller)));
  }

  @Post('revendas')
  @HttpCode(201)
  @Idempotent()
  @Scopes('platform.admin')
  async createReseller(
    @Principal() caller: Principal,
    @Body() body: CreateRevendaDto,
  ): Promise<ResellerResponse> {
    const { id, nome } = await this.registerReseller.execute(body.nome, actorOf(caller));
    return { id, nome };
  }
}
