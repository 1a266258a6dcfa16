import { IsOptional, IsString } from 'class-validator';
import { defineEvent } from '../event';
import { Topics } from '../topics';

export class EntityPayload {
  @IsString() id!: string;
  @IsString() nome!: string;
  @IsOptional() @IsString() esfera?: string;
}

export class DatabasePayload {
  @IsString() id!: string;
  @IsString() entity!: string;
  @IsString() name!: string;
}

export class LicensePayload {
  @IsString() id!: string;
  @IsString() entity!: string;
  @IsString() database!: string;
  @IsString() system!: string;
  @IsString() validFrom!: string;
  @IsString() validUntil!: string;
  @IsOptional() @IsString() reason?: string;
}

export const EntityCreated = defineEvent({
  type: 'entity.created',
  topic: Topics.Licensing,
  payload: EntityPayload,
  description: 'An entity (customer organisation) was registered.',
});
export const DatabaseCreated = defineEvent({
  type: 'database.created',
  topic: Topics.Licensing,
  payload: DatabasePayload,
  description: 'A database was registered for an entity; {entity, database} is a context.',
});
export const LicenseCreated = defineEvent({
  type: 'license.created',
  topic: Topics.Licensing,
  payload: LicensePayload,
  description: 'A license was granted for a context and system.',
});
export const LicenseExpired = defineEvent({
  type: 'license.expired',
  topic: Topics.Licensing,
  payload: LicensePayload,
  description: 'A license reached its validUntil (emitted once, at that time).',
});
export const LicenseRevoked = defineEvent({
  type: 'license.revoked',
  topic: Topics.Licensing,
  payload: LicensePayload,
  description: 'A license was revoked before its end.',
});
