import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, mapPage, Page } from '@platform/http';
import { actorOf } from '../shared/actor';
import { assertSameContext } from '../shared/caller-scope';
import { CreateDatabaseUseCase } from './usecases/create-database.usecase';
import { DatabaseEntity } from './database.entity';
import { DatabasesRepository } from './databases.repository';
import { CreateDatabaseDto, DatabasesQuery } from './dto/create-database.dto';

export class DatabaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) entity: string;
  @ApiProperty({ example: 'Produção' }) nome: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

const toResponse = (d: DatabaseEntity): DatabaseResponse => ({
  id: d.id,
  entity: d.entity,
  nome: d.nome,
  createdAt: d.createdAt.toISOString(),
});

/** Databases of an entity (`002_*`); a caller reads only its own entity's. */
@ApiTags('databases')
@Scopes('licenses.suite')
@Controller('licenses/v0.1/api')
export class DatabasesController {
  constructor(
    private readonly databases: DatabasesRepository,
    private readonly createDatabase: CreateDatabaseUseCase,
  ) {}

  /** Paged like every list (spec §4); `filter`/`sort` on `id`, `nome`, `entity`, `createdAt`. */
  @Get('databases')
  @ApiPageResponse(DatabaseResponse)
  async list(
    @Principal() caller: Principal,
    @Query() query: DatabasesQuery,
  ): Promise<Page<DatabaseResponse>> {
    assertSameContext(caller, query.entity);
    return mapPage(await this.databases.ofEntity(query.entity, query), toResponse);
  }

  @Post('databases')
  @HttpCode(201)
  @Idempotent()
  @Scopes('platform.admin')
  @ApiCreatedResponse({ type: DatabaseResponse })
  async create(
    @Principal() caller: Principal,
    @Body() body: CreateDatabaseDto,
  ): Promise<DatabaseResponse> {
    return toResponse(await this.createDatabase.execute(body, actorOf(caller)));
  }
}
