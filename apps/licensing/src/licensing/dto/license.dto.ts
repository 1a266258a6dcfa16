import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateLicenseDto {
  @IsUUID() entity: string;
  @IsUUID() database: string;
  @IsUUID() system: string;
  @Type(() => Date) @IsDate() validFrom: Date;
  @Type(() => Date) @IsDate() validUntil: Date;
}

export class UpdateLicenseDto {
  @IsOptional() @Type(() => Date) @IsDate() validFrom?: Date;
  @IsOptional() @Type(() => Date) @IsDate() validUntil?: Date;
}

export class RevokeLicenseDto {
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

/** `?database=&entity=&system=` of `GET /licenses/v0.1/api/licensing[/validate]` (`002_*`). */
export class LicenseQuery {
  @IsUUID() entity: string;
  @IsUUID() database: string;
  @IsUUID() system: string;
}
