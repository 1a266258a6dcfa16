import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

export class HomologationCheckView {
  @ApiProperty({
    enum: ['signed-delivery', 'wrong-signature-rejected', 'duplicate-accepted', 'oauth2-token-url'],
  })
  check!: string;
  @ApiProperty() passed!: boolean;
  @ApiPropertyOptional({ description: 'Nothing to check: the OAuth2 card is not set up.' })
  skipped?: boolean;
  @ApiProperty({ description: 'Why it passed or failed, in plain words.' }) detail!: string;
  @ApiPropertyOptional() statusCode?: number;
  @ApiPropertyOptional() latencyMs?: number;
  @ApiPropertyOptional({ description: 'The start of the answer (at most 1 KiB).' })
  responseBody?: string;
}

export class HomologationReportView {
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) run?: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ type: [HomologationCheckView] }) checks!: HomologationCheckView[];
}
