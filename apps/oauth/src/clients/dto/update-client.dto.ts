import { ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { IsArray, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CreateClientDto } from './create-client.dto';

/** Everything but the kind may change (the kind decides whether the client holds a secret). */
export class UpdateClientDto extends PartialType(OmitType(CreateClientDto, ['kind', 'public'] as const)) {}

export class IssueClientTokenDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) description?: string;

  @ApiPropertyOptional({ type: [String], description: 'Subset of the client scopes; all of them by default.' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  scopes?: string[];

  @ApiPropertyOptional({ description: 'Lifetime in days (default 365).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}
