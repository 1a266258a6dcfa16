import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Equals, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { ListQuery } from '@platform/http';

export class CreateDatabaseDto {
  @ApiProperty({ format: 'uuid', description: 'The entity the database belongs to.' })
  @IsUUID()
  entity: string;

  @ApiProperty({ example: 'Produção', description: 'The database name (licensing says `nome`).' })
  @IsString()
  @Length(1, 200)
  nome: string;

  /**
   * Licensing bodies say `nome`, never `name` (spec §4): an old body that still says `name` is
   * told what to send instead, rather than "property name should not exist".
   */
  @ApiHideProperty()
  @ValidateIf((o: object) => 'name' in o)
  @Equals(undefined, { message: 'use nome: licensing bodies say nome, never name' })
  name?: never;
}

/** `GET /licenses/v0.1/api/databases?entity=` (`002_*`), with the list conventions of spec §4. */
export class DatabasesQuery extends ListQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  entity: string;
}
