import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, mapPage, Page } from '@platform/http';
import { readableEntity } from '../shared/caller-scope';
import { DadosQuery } from './dto/dados-query.dto';
import { EntidadeResponse, toEntidadeResponse } from './dto/entidade.response';
import { ENTIDADE_FIELDS, EntidadesRepository } from './entidades.repository';
import { sparseFields } from './sparse-fields';

/** The entity data source (`002_*`): needs `suite.services` besides `licenses.suite`. */
@ApiTags('dados')
@Scopes('licenses.suite', 'suite.services')
@Controller('licenses/dados/v0.1/api')
export class DadosController {
  constructor(private readonly entidades: EntidadesRepository) {}

  @Get('entidades')
  @ApiPageResponse(EntidadeResponse, 'Only the fields named in `fields` when it is given.')
  async list(
    @Principal() caller: Principal,
    @Query() query: DadosQuery,
  ): Promise<Page<Partial<EntidadeResponse>>> {
    const pick = sparseFields<EntidadeResponse>(query.fields, ENTIDADE_FIELDS);
    const page = await this.entidades.list(query, readableEntity(caller));
    return mapPage(page, (e) => pick(toEntidadeResponse(e)));
  }
}
