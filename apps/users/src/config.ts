import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ServiceEnv } from '@platform/config';

export class UsersEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3004;

  /** Login of the platform administrator created at first boot (with the password below). */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/, {
    message: 'BOOTSTRAP_ADMIN_LOGIN must be a valid login',
  })
  BOOTSTRAP_ADMIN_LOGIN?: string;

  /** Required with BOOTSTRAP_ADMIN_LOGIN: half a bootstrap admin is a configuration mistake. */
  @ValidateIf(
    (env: UsersEnv) =>
      env.BOOTSTRAP_ADMIN_LOGIN !== undefined || env.BOOTSTRAP_ADMIN_PASSWORD !== undefined,
  )
  @IsString({ message: 'BOOTSTRAP_ADMIN_PASSWORD must be set together with BOOTSTRAP_ADMIN_LOGIN' })
  @MinLength(8, { message: 'BOOTSTRAP_ADMIN_PASSWORD must have at least 8 characters' })
  @MaxLength(256)
  BOOTSTRAP_ADMIN_PASSWORD?: string;
}
