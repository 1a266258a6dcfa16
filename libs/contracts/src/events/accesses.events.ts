import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { defineEvent } from '../event';
import { NestedArray } from '../nested-array';
import { Topics } from '../topics';
import { ContextDto } from './context.dto';

export class AccessPayload {
  @IsString() id!: string;
  @IsString() user!: string;
  @IsBoolean() admin!: boolean;
  @IsIn(['admin', 'technician', 'user']) role!: 'admin' | 'technician' | 'user';
  @ValidateNested() @Type(() => ContextDto) context!: ContextDto;
  @IsOptional() @IsString() grantedBy?: string;
}

export class AccessRevokedPayload {
  @IsString() id!: string;
  @IsString() user!: string;
  @ValidateNested() @Type(() => ContextDto) context!: ContextDto;
  @IsOptional() @IsString() revokedBy?: string;
}

export class AccessRequestPayload {
  @IsString() id!: string;
  @IsString() user!: string;
  @ValidateNested() @Type(() => ContextDto) context!: ContextDto;
  @IsOptional() @IsString() message?: string;
  @IsIn(['pending', 'approved', 'denied']) status!: 'pending' | 'approved' | 'denied';
  @IsOptional() @IsString() decidedBy?: string;
  @IsOptional() @IsString() accessId?: string;
}

/** One `User-Access` seen at the gateway: its id and when (ISO 8601). */
export class AccessUse {
  @IsString() @MaxLength(64) id!: string;
  @IsString() at!: string;
}

/** The most accesses one `access.used` event carries. */
export const ACCESS_USES_PER_EVENT = 500;

/**
 * Accesses used through the gateway (`002_*`: the access list shows "últimas atividades"). The
 * gateway notes each `User-Access` at most once a minute and hands them over in batches, so this
 * is one event per batch, not per request. Platform-level: it names no context.
 */
export class AccessUsedPayload {
  @NestedArray(() => AccessUse, ACCESS_USES_PER_EVENT) uses!: AccessUse[];
}

export const AccessGranted = defineEvent({
  type: 'access.granted',
  topic: Topics.Accesses,
  payload: AccessPayload,
  description: 'A user was given access to a context (User-Access id = access id).',
  example: {
    id: '6f1c2a9e-3b1d-4c55-9a63-2d4f0e7b8c11',
    user: 'maria.silva',
    admin: false,
    role: 'technician',
    context: { entity: 'ent-3550308', database: 'db-3550308-prod' },
    grantedBy: 'joao.admin',
  },
});
export const AccessRevoked = defineEvent({
  type: 'access.revoked',
  topic: Topics.Accesses,
  payload: AccessRevokedPayload,
  description: "A user's access to a context was removed.",
  example: {
    id: '6f1c2a9e-3b1d-4c55-9a63-2d4f0e7b8c11',
    user: 'maria.silva',
    context: { entity: 'ent-3550308', database: 'db-3550308-prod' },
    revokedBy: 'joao.admin',
  },
});
export const AccessRequestCreated = defineEvent({
  type: 'access_request.created',
  topic: Topics.AccessRequests,
  payload: AccessRequestPayload,
  description: 'A user asked for access to a context; its admins are told.',
  example: {
    id: 'b7e0d3f2-91a4-4e6b-8c2d-5a1f9e3c7b20',
    user: 'maria.silva',
    context: { entity: 'ent-3550308', database: 'db-3550308-prod' },
    message: 'Preciso consultar as licenças.',
    status: 'pending',
  },
});
export const AccessRequestApproved = defineEvent({
  type: 'access_request.approved',
  topic: Topics.AccessRequests,
  payload: AccessRequestPayload,
  description: 'A context admin allowed an access request.',
  example: {
    id: 'b7e0d3f2-91a4-4e6b-8c2d-5a1f9e3c7b20',
    user: 'maria.silva',
    context: { entity: 'ent-3550308', database: 'db-3550308-prod' },
    status: 'approved',
    decidedBy: 'joao.admin',
    accessId: '6f1c2a9e-3b1d-4c55-9a63-2d4f0e7b8c11',
  },
});
export const AccessRequestDenied = defineEvent({
  type: 'access_request.denied',
  topic: Topics.AccessRequests,
  payload: AccessRequestPayload,
  description: 'A context admin denied an access request.',
  example: {
    id: 'b7e0d3f2-91a4-4e6b-8c2d-5a1f9e3c7b20',
    user: 'maria.silva',
    context: { entity: 'ent-3550308', database: 'db-3550308-prod' },
    status: 'denied',
    decidedBy: 'joao.admin',
  },
});
export const AccessUsed = defineEvent({
  type: 'access.used',
  topic: Topics.Accesses,
  payload: AccessUsedPayload,
  description:
    'Accesses (User-Access ids) used through the gateway, each noted at most once a minute, in batches.',
  example: {
    uses: [{ id: '3f8c2a4e-0d1b-4c5e-9a7f-2b6d8e1c4a90', at: '2026-03-01T12:00:00.000Z' }],
  },
});
