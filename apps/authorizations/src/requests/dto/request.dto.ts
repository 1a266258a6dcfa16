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

export interface AccessRequestResponse {
  id: string;
  user: string;
  context: { entity: string; database: string };
  message: string | null;
  status: RequestStatus;
  decidedBy: string | null;
  decidedAt: string | null;
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
