import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { EventContext } from '../event';

export class ContextDto {
  @IsString()
  @MaxLength(64)
  entity!: string;

  @IsString()
  @MaxLength(64)
  database!: string;
}

export class OptionalEntity {
  @IsOptional()
  @IsString()
  entity?: string;
}

type Data = Record<string, unknown>;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

/**
 * The context (`{entity, database}`, spec §1) an event's payload belongs to, read by the one
 * convention every payload of the catalogue follows (checked in asyncapi.spec.ts): a nested
 * `context: {entity, database}`, else top-level `entity` and `database`. Either part is absent
 * when the payload has none: an event with only an entity is entity-level, one with neither is
 * platform-level. Consumers that isolate tenants (webhooks, audit) read it here, never guess.
 */
export function eventContextOf(data: unknown): Partial<EventContext> {
  if (typeof data !== 'object' || data === null) return {};
  const d = data as Data;
  const source =
    typeof d['context'] === 'object' && d['context'] !== null ? (d['context'] as Data) : d;
  const context: Partial<EventContext> = {};
  const entity = str(source['entity']);
  const database = str(source['database']);
  if (entity !== undefined) context.entity = entity;
  if (database !== undefined) context.database = database;
  return context;
}
