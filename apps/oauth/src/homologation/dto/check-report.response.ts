import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HOMOLOGATION_CHECKS } from '@platform/contracts';

export class ApiReadView {
  @ApiProperty({ description: 'The scope (API) this call stands for.' }) scope!: string;
  @ApiPropertyOptional({ example: 'GET /api/v1/event-types' }) endpoint?: string;
  @ApiPropertyOptional() statusCode?: number;
  @ApiPropertyOptional() latencyMs?: number;
  @ApiProperty() passed!: boolean;
}

/** What a check saw; never a secret (no token, no client secret). */
export class TokenCheckEvidenceView {
  @ApiPropertyOptional() statusCode?: number;
  @ApiPropertyOptional() latencyMs?: number;
  @ApiPropertyOptional() responseBody?: string;
  @ApiPropertyOptional() clientId?: string;
  @ApiPropertyOptional({ description: 'The id of the token obtained (revoked after the check).' })
  jti?: string;
  @ApiPropertyOptional({ type: [String] }) scopes?: string[];
  @ApiPropertyOptional() expiresIn?: number;
  @ApiPropertyOptional({ type: [ApiReadView] }) reads?: ApiReadView[];
}

export class TokenCheckResultView {
  @ApiProperty({ enum: HOMOLOGATION_CHECKS }) check!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty() detail!: string;
  @ApiProperty({ type: TokenCheckEvidenceView }) evidence!: TokenCheckEvidenceView;
}

/** The application's checks (`client-token`, `api-reads`), each with its evidence. */
export class TokenCheckReport {
  @ApiProperty() clientId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) run?: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ type: [TokenCheckResultView] }) checks!: TokenCheckResultView[];
}
