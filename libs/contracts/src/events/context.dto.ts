import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ContextDto {
  @IsString()
  @MaxLength(64)
  entity!: string;

  @IsString()
  @MaxLength(64)
  database!: string;
}

export class OptionalEntity {
  @IsOptional()
  @IsString()
  entity?: string;
}
