import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** `POST /api/v1/webhooks/{id}/homologation` body: the run the results count for, if any. */
export class RunHomologationDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The self-homologation run (authorizations) these results count for.',
  })
  @IsOptional()
  @IsUUID()
  run?: string;
}
