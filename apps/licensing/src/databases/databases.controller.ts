import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { Idempotent } from '@platform/http';
import { actorOf } from '../shared/actor';
import { assertSameContext } from '../shared/caller-scope';
import { CreateDatabaseUseCase } from './create-database.usecase';
import { DatabaseEntity } from './database.entity';
import { DatabasesRepository } from './databases.repository';
import { CreateDatabaseDto, DatabasesQuery } from './dto/create-database.dto';

export interface DatabaseResponse {
  id: string;
  entity: string;
  name: string;
  createdAt: string;
}

const toResponse = (d: DatabaseEntity): DatabaseResponse => ({
  id: d.id,
  entity: d.entity,
  name: d.name,
  createdAt: d.createdAt.toISOString(),
});

/** Databases of an entity (`002_*`); a caller reads only its own entity's. */
@ApiTags('databases')
@Scopes('licenses.suite')
@Controller('licenses/v0.1/api/databases')
export class DatabasesController {
  constructor(
    private readonly databases: DatabasesRepository,
    private readonly createDatabase: CreateDatabaseUseCase,
  ) {}

  @Get()
  async list(
    @Principal() caller: Principal,
    @Query() query: DatabasesQuery,
  ): Promise<DatabaseResponse[]> {
    assertSameContext(caller, query.entity);
    return (await this.databases.ofEntity(query.entity)).map(toResponse);
  }

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Scopes('platform.admin')
  async create(
    @Principal() caller: Principal,
    @Body() body: CreateDatabaseDto,
  ): Promise<DatabaseResponse> {
    return toResponse(await this.createDatabase.execute(body, actorOf(caller)));
  }
}
