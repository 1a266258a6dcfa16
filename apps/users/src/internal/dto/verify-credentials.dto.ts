import { IsString, MaxLength } from 'class-validator';

export class VerifyCredentialsDto {
  @IsString()
  @MaxLength(256)
  login!: string;

  /** Capped like at creation: argon2 cost must not grow with attacker-chosen input. */
  @IsString()
  @MaxLength(256)
  password!: string;
}

/** What oauth learns about a user (the users ↔ oauth contract). */
export interface InternalUser {
  id: string;
  name: string;
  email: string;
  status: 'active' | 'disabled';
  platformAdmin: boolean;
  permissions: string[];
}
