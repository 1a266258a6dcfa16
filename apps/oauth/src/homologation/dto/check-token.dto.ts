import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

/**
 * The application's secret, typed by the integrator for this one check: used once to ask the
 * token endpoint for a token, never stored, never logged (`client_secret` is redacted by
 * libs/http's log serializers, and bodies are not logged).
 */
export class CheckTokenDto {
  @ApiProperty({ description: "The application's client secret (used once, never stored)." })
  @IsString()
  @Length(1, 500)
  client_secret!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The homologation run (authorizations) the results count for.',
  })
  @IsOptional()
  @IsUUID()
  run?: string;
}
