import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ContextDto } from '@platform/contracts';
import { IsHttpUrl } from './http-url';

const toText = ({ value }: { value: unknown }): unknown =>
  typeof value === 'number' ? String(value) : value;

/**
 * `POST /notifications/api/messages`, the `002_*` body. `read`, `contextDestined` and
 * `userDestined` are accepted for compatibility but derived: read state is per user and the
 * other two follow from `destination`.
 */
export class SendMessageDto {
  @IsOptional() @Transform(toText) @IsString() @MaxLength(64) systemId?: string | null;
  @IsString() @Length(1, 4000) text: string;
  /** Links are shown to users: absolute http(s) only (see IsHttpUrl). */
  @IsOptional() @IsString() @MaxLength(2000) @IsHttpUrl() link?: string | null;
  @IsOptional() @IsString() @MaxLength(200) source?: string | null;
  @ValidateIf(
    (o: SendMessageDto) => o.destination === 'USER' || (o.user !== undefined && o.user !== null),
  )
  @IsString()
  @Length(1, 200)
  user?: string | null;
  @IsOptional() @IsInt() @Min(0) @Max(10) priority?: number | null;
  @IsOptional() @IsBoolean() read?: boolean;
  @IsOptional() @IsBoolean() process?: boolean;
  @IsOptional() @IsBoolean() progress?: boolean;
  @IsOptional() @IsString() @MaxLength(2000) @IsHttpUrl() cancellationLink?: string | null;
  @IsOptional() @IsString() @MaxLength(2000) @IsHttpUrl() trackingLink?: string | null;
  @IsOptional() @IsString() @MaxLength(50) status?: string | null;
  @IsOptional() @IsNumber() @Min(0) @Max(100) percentage?: number | null;
  @IsIn(['USER', 'CONTEXT']) destination: 'USER' | 'CONTEXT';
  @IsOptional() @Transform(toText) @IsString() @MaxLength(64) aggregationMessageId?: string | null;
  @IsOptional() @ValidateNested() @Type(() => ContextDto) context?: ContextDto | null;
  @IsOptional() @IsString() @MaxLength(100) type?: string | null;
  @IsOptional() @IsString() @MaxLength(200) icon?: string | null;
  @IsOptional() @IsBoolean() closed?: boolean;
  @IsOptional() @IsBoolean() contextDestined?: boolean;
  @IsOptional() @IsBoolean() userDestined?: boolean;
}
