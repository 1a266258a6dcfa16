import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_QUERY_INTEGER, QueryInteger } from '../input/query-integer';
import { DEFAULT_FILTER_LIMITS } from './filter-parser';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** Postgres takes a bigint OFFSET, but no list is paged that far: `1e21` was a 500. */
export const MAX_OFFSET = MAX_QUERY_INTEGER;

/**
 * Query parameters every list route takes (spec §4, `002_*`). Extend it for routes with
 * extra parameters: the global pipe refuses unknown ones.
 */
export class ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @QueryInteger({ min: 1, max: MAX_LIMIT })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0 })
  @IsOptional()
  @QueryInteger({ min: 0, max: MAX_OFFSET })
  offset?: number;

  @ApiPropertyOptional({ description: "Fields and directions, e.g. 'nome asc, id desc'." })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  sort?: string;

  @ApiPropertyOptional({ description: 'Same as `sort` (the name some `002_*` APIs use).' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  order?: string;

  @ApiPropertyOptional({
    description: "Filter expression, e.g. id = 'kaio.stricker' and status in ('active').",
  })
  @IsOptional()
  @IsString()
  @MaxLength(DEFAULT_FILTER_LIMITS.maxLength)
  filter?: string;
}
