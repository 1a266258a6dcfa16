import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ContextDto } from '@platform/contracts';
import type { AccessRequestPayload } from '@platform/contracts';
import type { AccessRequestEntity, RequestStatus } from '../access-request.entity';

/** `POST /user-accounts/v0.1/api/suite/users/@me/requests` (`{context, message?}`). */
export class CreateAccessRequestDto {
  @ValidateNested()
  @Type(() => ContextDto)
  context: ContextDto;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;
}

/** An access request as `POST`, the list and the decisions answer it. */
export class AccessRequestResponse {
  id: string;
  /** Who asked (a user's login). */
  user: string;
  context: ContextDto;
  message: string | null;
  status: RequestStatus;
  /** The admin who allowed or denied it. */
  decidedBy: string | null;
  decidedAt: string | null;
  /** The access granted when it was allowed. */
  accessId: string | null;
  createdAt: string;
}

export const toRequestResponse = (r: AccessRequestEntity): AccessRequestResponse => ({
  id: r.id,
  user: r.user,
  context: { entity: r.entity, database: r.database },
  message: r.message,
  status: r.status,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  accessId: r.accessId,
  createdAt: r.createdAt.toISOString(),
});

export const toRequestPayload = (r: AccessRequestEntity): AccessRequestPayload => ({
  id: r.id,
  user: r.user,
  context: { entity: r.entity, database: r.database },
  status: r.status,
  ...(r.message === null ? {} : { message: r.message }),
  ...(r.decidedBy === null ? {} : { decidedBy: r.decidedBy }),
  ...(r.accessId === null ? {} : { accessId: r.accessId }),
});
