import { IsString, Length } from 'class-validator';

export class CreateCustomerDto {
  @IsString() @Length(1, 200) name!: string;
}

/** One `003_*` §5 mapping. */
export class UserIdentifierDto {
  @IsString() @Length(1, 200) user_login!: string;
  @IsString() @Length(1, 200) client_application_id!: string;
  @IsString() @Length(1, 500) identifier!: string;
}
