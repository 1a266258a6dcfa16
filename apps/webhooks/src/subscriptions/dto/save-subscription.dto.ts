import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_ACTIONS } from '../subscription-actions';

/** `001_*` rate-limit card: at most `requests` per `perSeconds`. */
export class RateLimitDto {
  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  requests!: number;

  @ApiProperty({ minimum: 1, maximum: 86400 })
  @IsInt()
  @Min(1)
  @Max(86400)
  perSeconds!: number;
}

/** `001_*` OAuth2 card. `clientSecret` is write-only; on PUT it may be left out to keep the stored one. */
export class OAuth2Dto {
  @IsString() @MaxLength(2048) tokenUrl!: string;
  @IsString() @MinLength(1) @MaxLength(256) clientId!: string;
  @ApiPropertyOptional({ writeOnly: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  clientSecret?: string;
  @IsOptional() @IsString() @MaxLength(1024) scope?: string;
  @ApiProperty({ enum: ['client_secret_basic', 'client_secret_post'] })
  @IsIn(['client_secret_basic', 'client_secret_post'])
  authType!: 'client_secret_basic' | 'client_secret_post';
}

/** Body of `POST /api/v1/webhooks` and `PUT /api/v1/webhooks/{id}` (PUT replaces, as in `004_*`). */
export class SaveSubscriptionDto {
  /* Which types are known is checked by the use case (resolveActions), whose 400 lists them. */
  @ApiPropertyOptional({
    description:
      'The event types to receive (`GET /api/v1/event-types`), or `["*"]` for every type. Give `actions` or `action`.',
    example: ['license.created', 'license.revoked'],
    type: [String],
    maxItems: MAX_ACTIONS,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ACTIONS)
  @IsString({ each: true })
  actions?: string[];

  @ApiPropertyOptional({
    description: 'One event type, or `*` for every type (the `004_*` form of `actions`).',
    example: 'license.created',
  })
  @IsOptional()
  @IsString()
  action?: string;

  @ApiPropertyOptional({ enum: ['active', 'inactive'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'inactive'])
  status?: 'active' | 'inactive';

  @ApiProperty({ example: 'https://receiver.example/hooks' })
  @IsString()
  @MaxLength(2048)
  postbackUrl!: string;

  @IsString() @MinLength(1) @MaxLength(200) techOwnerName!: string;
  @IsEmail() @MaxLength(320) techOwnerEmail!: string;

  @ApiPropertyOptional({
    description: 'Headers sent with every delivery; values are write-only (stored encrypted).',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsObject()
  clientHeaders?: Record<string, string>;

  @ApiPropertyOptional({ type: RateLimitDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitDto)
  rateLimit?: RateLimitDto;

  @ApiPropertyOptional({ minimum: 100, maximum: 30000, default: 30000 })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(30000)
  timeoutMs?: number;

  @ApiPropertyOptional({ type: OAuth2Dto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OAuth2Dto)
  oauth2?: OAuth2Dto;
}
