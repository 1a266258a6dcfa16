import { IsString, IsUUID, Length } from 'class-validator';

export class CreateDatabaseDto {
  @IsUUID()
  entity: string;

  @IsString()
  @Length(1, 200)
  name: string;
}

/** `GET /licenses/v0.1/api/databases?entity=` (`002_*`). */
export class DatabasesQuery {
  @IsUUID()
  entity: string;
}
