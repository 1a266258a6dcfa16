import { ApiProperty } from '@nestjs/swagger';
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

/** The context (entity and database) an access is for. */
export class AccessContextResponse {
  entity: string;
  database: string;
}

/** An access as the lists and `POST` answer it. */
export class AccessResponse {
  @ApiProperty({ format: 'uuid', description: 'The id callers send as User-Access.' }) id: string;
  user: string;
  admin: boolean;
  @ApiProperty({ enum: ['admin', 'technician', 'user'] }) role: AccessRole;
  @ApiProperty({ type: AccessContextResponse }) context: { entity: string; database: string };
  active: boolean;
  @ApiProperty({ type: String, nullable: true }) grantedBy: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'Last use of this access (User-Access) through the gateway, noted at most once a minute; null if never used. May lag the real last use by about a minute and ten seconds.',
  })
  lastActivityAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export const toAccessResponse = (a: AccessEntity): AccessResponse => ({
  id: a.id,
  user: a.user,
  admin: a.admin,
  role: a.role,
  context: { entity: a.entity, database: a.database },
  active: a.active,
  grantedBy: a.grantedBy,
  lastActivityAt: a.lastActivityAt?.toISOString() ?? null,
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
