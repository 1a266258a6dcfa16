import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateCustomerDto {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
}

/** One `003_*` §5 mapping. */
export class UserIdentifierDto {
  @ApiProperty() @IsString() @Length(1, 200) user_login!: string;
  @ApiProperty() @IsString() @Length(1, 200) client_application_id!: string;
  @ApiProperty() @IsString() @Length(1, 500) identifier!: string;
}
