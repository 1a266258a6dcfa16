import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_FILTER_LIMITS } from './filter-parser';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/**
 * Query parameters every list route takes (spec §4, `002_*`). Extend it for routes with
 * extra parameters: the global pipe refuses unknown ones.
 */
export class ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
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
