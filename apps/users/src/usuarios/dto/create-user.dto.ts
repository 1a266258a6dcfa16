import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A login: what `002_*` shows (`kaio.stricker`) — letters, digits, `.`, `_`, `-`, `@`. */
export const LOGIN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

export class CreateUserDto {
  @ApiProperty({ example: 'kaio.stricker', description: 'The login; unique and permanent.' })
  @IsString()
  @Matches(LOGIN_PATTERN, {
    message:
      'id must be 1-128 letters, digits, ".", "_", "-" or "@", starting with a letter or digit',
  })
  id!: string;

  @ApiProperty({ example: 'Kaio Stricker' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'kaio@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /** Omitted for users who sign in only through SSO. Capped so hashing cannot be abused. */
  @ApiPropertyOptional({ minLength: 8, maxLength: 256, writeOnly: true })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  password?: string;
}
