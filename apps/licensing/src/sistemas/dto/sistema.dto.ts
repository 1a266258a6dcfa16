import { IsString, Length } from 'class-validator';

/** `POST /licenses/v0.1/api/sistemas` (`{nome}`). */
export class CreateSistemaDto {
  @IsString()
  @Length(1, 200)
  nome: string;
}

/** A system that licenses are granted for. */
export class SistemaResponse {
  id: string;
  nome: string;
  createdAt: string;
}
