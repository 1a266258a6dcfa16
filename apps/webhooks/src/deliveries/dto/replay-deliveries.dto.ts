import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** Body of `POST /api/v1/webhooks/{id}/deliveries/replay`: the window of deliveries to replay. */
export class ReplayDeliveriesDto {
  @ApiProperty({
    description: 'Replay the failed deliveries made at or after this time (ISO 8601).',
    example: '2026-03-01T00:00:00Z',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  since!: string;

  @ApiPropertyOptional({
    description: 'and before this time (ISO 8601); default: now.',
    example: '2026-03-02T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  until?: string;
}

/** `202`: how many deliveries were scheduled again, and whether the window holds more. */
export class ReplayDeliveriesResponse {
  scheduled: number;
  /** More failed deliveries are in the window than one call takes: call again with the same body. */
  hasMore: boolean;
}
