import { IsOptional, Matches } from 'class-validator';
import { ListQuery } from '@platform/http';

/** `GET /licenses/dados/v0.1/api/entidades?fields=esfera` (`002_*`): a list with sparse fields. */
export class DadosQuery extends ListQuery {
  @IsOptional()
  @Matches(/^\s*[A-Za-z]+(\s*,\s*[A-Za-z]+)*\s*$/, {
    message: 'fields must be a comma-separated list of names',
  })
  fields?: string;
}
