import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ContextDto } from '@platform/contracts';
import type { AccessPayload } from '@platform/contracts';
import type { AccessEntity, AccessRole } from '../access.entity';

/** `POST /user-accounts/v0.1/api/management/access` as in `002_*`: `{user, admin, context}`. */
export class GrantAccessDto {
  @IsString()
  @Length(1, 200)
  user: string;

  @IsBoolean()
  admin: boolean;

  @ValidateNested()
  @Type(() => ContextDto)
  context: ContextDto;

  /** Optional refinement of `admin`: a non-admin access may be `technician` (read-only management). */
  @IsOptional()
  @IsIn(['admin', 'technician', 'user'])
  role?: AccessRole;
}

export interface AccessResponse {
  id: string;
  user: string;
  admin: boolean;
  role: AccessRole;
  context: { entity: string; database: string };
  active: boolean;
  grantedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export const toAccessResponse = (a: AccessEntity): AccessResponse => ({
  id: a.id,
  user: a.user,
  admin: a.admin,
  role: a.role,
  context: { entity: a.entity, database: a.database },
  active: a.active,
  grantedBy: a.grantedBy,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const toAccessPayload = (a: AccessEntity): AccessPayload => ({
  id: a.id,
  user: a.user,
  admin: a.admin,
  role: a.role,
  context: { entity: a.entity, database: a.database },
  ...(a.grantedBy ? { grantedBy: a.grantedBy } : {}),
});
