import { IsOptional, IsString } from 'class-validator';
import { defineEvent } from '../event';
import { Topics } from '../topics';

/** Who made an admin change (spec §7): the user, when a user token made it, and its client. */
export class ActorFields {
  @IsOptional() @IsString() actorClient?: string;
  @IsOptional() @IsString() actorUser?: string;
}

/** Entity-level: `id` is the entity; there is no database (webhooks: platform-wide only). */
export class EntityPayload extends ActorFields {
  @IsString() id!: string;
  @IsString() nome!: string;
  @IsOptional() @IsString() esfera?: string;
}

export class DatabasePayload extends ActorFields {
  @IsString() id!: string;
  @IsString() entity!: string;
  /** The same as `id`: with `entity` it names the context this database makes (spec §5). */
  @IsString() database!: string;
  /** The database's name (licensing bodies say `nome`, spec §4). Absent from older events. */
  @IsOptional() @IsString() nome?: string;
  /** Deprecated: the same as `nome`, kept for one release for receivers that read it. */
  @IsOptional() @IsString() name?: string;
}

export class LicensePayload extends ActorFields {
  @IsString() id!: string;
  @IsString() entity!: string;
  @IsString() database!: string;
  @IsString() system!: string;
  @IsString() validFrom!: string;
  @IsString() validUntil!: string;
  @IsOptional() @IsString() reason?: string;
}

/** Platform-level (a reseller has no context of its own). */
export class ResellerPayload extends ActorFields {
  @IsString() id!: string;
  @IsString() nome!: string;
}

/** Platform-level: a system that licenses are granted for. */
export class SystemPayload extends ActorFields {
  @IsString() id!: string;
  @IsString() nome!: string;
}

export const EntityCreated = defineEvent({
  type: 'entity.created',
  topic: Topics.Licensing,
  payload: EntityPayload,
  description: 'An entity (customer organisation) was registered.',
  example: {
    id: 'ent-3550308',
    nome: 'Prefeitura Municipal de São Paulo',
    esfera: 'MUNICIPAL',
    actorClient: 'platform-admin',
  },
});
export const DatabaseCreated = defineEvent({
  type: 'database.created',
  topic: Topics.Licensing,
  payload: DatabasePayload,
  description: 'A database was registered for an entity; {entity, database} is a context.',
  example: {
    id: 'db-3550308-prod',
    entity: 'ent-3550308',
    database: 'db-3550308-prod',
    nome: 'Produção',
    actorClient: 'platform-admin',
  },
});
export const ResellerCreated = defineEvent({
  type: 'reseller.created',
  topic: Topics.Licensing,
  payload: ResellerPayload,
  description: 'A reseller was registered.',
  example: {
    id: 'c3d9a1e4-7b2f-4a80-9e61-0f5b8d2c4a37',
    nome: 'Revenda Sul',
    actorClient: 'platform-admin',
  },
});
export const SystemCreated = defineEvent({
  type: 'system.created',
  topic: Topics.Licensing,
  payload: SystemPayload,
  description: 'A system (that licenses are granted for) was registered.',
  example: {
    id: 'e2a7c5b1-4d9f-4f3e-8b06-9c1d3a5e7f42',
    nome: 'Folha de Pagamento',
    actorClient: 'platform-admin',
  },
});
export const LicenseCreated = defineEvent({
  type: 'license.created',
  topic: Topics.Licensing,
  payload: LicensePayload,
  description: 'A license was granted for a context and system.',
  example: {
    id: '0d4b8f6a-2c1e-4a9b-b3f7-6e5d9c8a1b24',
    entity: 'ent-3550308',
    database: 'db-3550308-prod',
    system: 'e2a7c5b1-4d9f-4f3e-8b06-9c1d3a5e7f42',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2026-12-31T23:59:59.000Z',
    actorClient: 'platform-admin',
  },
});
export const LicenseUpdated = defineEvent({
  type: 'license.updated',
  topic: Topics.Licensing,
  payload: LicensePayload,
  description: 'A license got new dates (PATCH).',
  example: {
    id: '0d4b8f6a-2c1e-4a9b-b3f7-6e5d9c8a1b24',
    entity: 'ent-3550308',
    database: 'db-3550308-prod',
    system: 'e2a7c5b1-4d9f-4f3e-8b06-9c1d3a5e7f42',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2027-06-30T23:59:59.000Z',
    actorClient: 'platform-admin',
  },
});
export const LicenseExpired = defineEvent({
  type: 'license.expired',
  topic: Topics.Licensing,
  payload: LicensePayload,
  description: 'A license reached its validUntil (emitted once, at that time).',
  example: {
    id: '0d4b8f6a-2c1e-4a9b-b3f7-6e5d9c8a1b24',
    entity: 'ent-3550308',
    database: 'db-3550308-prod',
    system: 'e2a7c5b1-4d9f-4f3e-8b06-9c1d3a5e7f42',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2026-12-31T23:59:59.000Z',
  },
});
export const LicenseRevoked = defineEvent({
  type: 'license.revoked',
  topic: Topics.Licensing,
  payload: LicensePayload,
  description: 'A license was revoked before its end.',
  example: {
    id: '0d4b8f6a-2c1e-4a9b-b3f7-6e5d9c8a1b24',
    entity: 'ent-3550308',
    database: 'db-3550308-prod',
    system: 'e2a7c5b1-4d9f-4f3e-8b06-9c1d3a5e7f42',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2026-12-31T23:59:59.000Z',
    reason: 'contrato encerrado',
    actorClient: 'platform-admin',
  },
});
