import { ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ENDPOINT_PATTERN, MAX_TOKEN_ENDPOINTS } from '@platform/contracts';
import { CreateClientDto } from './create-client.dto';

/** Everything but the kind may change (the kind decides whether the client holds a secret). */
export class UpdateClientDto extends PartialType(
  OmitType(CreateClientDto, ['kind', 'public'] as const),
) {}

export class IssueClientTokenDto {
  @IsOptional() @IsString() @Length(1, 200) description?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Subset of the client scopes; all of them by default.',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  scopes?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_TOKEN_ENDPOINTS,
    example: ['GET /usuarios/v0.1/api/usuarios/{id}'],
    description:
      'The only endpoints the token may call (`000_*`, `004_*`): method and path template as in /docs/openapi.json, each within the token scopes. Without it the scopes decide.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TOKEN_ENDPOINTS)
  @IsString({ each: true })
  @Matches(ENDPOINT_PATTERN, {
    each: true,
    message:
      'each endpoint must be "METHOD /path/{template}", e.g. "GET /usuarios/v0.1/api/usuarios/{id}"',
  })
  endpoints?: string[];

  @ApiPropertyOptional({ description: 'Lifetime in days (default 365).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}
