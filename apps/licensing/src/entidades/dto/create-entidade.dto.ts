import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

/** Government spheres an entity belongs to (`esfera` in `002_*`). */
export const ESFERAS = ['MUNICIPAL', 'ESTADUAL', 'FEDERAL', 'PRIVADA'] as const;

export class CreateEntidadeDto {
  @IsString()
  @Length(1, 200)
  nome: string;

  @IsIn(ESFERAS)
  esfera: string;

  /** 14 digits, punctuation allowed (`00.000.000/0000-00`). */
  @IsOptional()
  @Matches(/^\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}$/, { message: 'cnpj must be a CNPJ (14 digits)' })
  cnpj?: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'uf must be a two-letter state code' })
  uf?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  municipio?: string;

  @IsOptional()
  @IsUUID()
  reseller?: string;
}

export class CreateRevendaDto {
  @IsString()
  @Length(1, 200)
  nome: string;
}
