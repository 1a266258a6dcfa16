import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuditRecordEntity } from './audit-record.entity';

export class AuditEventResponse {
  @ApiProperty() seq!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ description: 'The service that emitted the event.' }) source!: string;
  @ApiProperty() time!: string;
  @ApiProperty() recordedAt!: string;
  @ApiPropertyOptional({ nullable: true, description: 'The user, else the client, who acted.' })
  actor!: string | null;
  @ApiPropertyOptional({ nullable: true }) actorClient!: string | null;
  @ApiPropertyOptional({ nullable: true }) actorUser!: string | null;
  @ApiProperty() action!: string;
  @ApiPropertyOptional({ nullable: true }) target!: string | null;
  @ApiProperty({ example: 'succeeded' }) outcome!: string;
  @ApiPropertyOptional({ nullable: true }) ip!: string | null;
  @ApiPropertyOptional({ nullable: true }) entity!: string | null;
  @ApiPropertyOptional({ nullable: true }) requestId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
  @ApiProperty() hash!: string;
}

export function toAuditEventResponse(r: AuditRecordEntity): AuditEventResponse {
  return {
    seq: r.seq,
    eventId: r.eventId,
    type: r.type,
    source: r.source,
    time: r.occurredAt.toISOString(),
    recordedAt: r.recordedAt.toISOString(),
    actor: r.actor,
    actorClient: r.actorClient,
    actorUser: r.actorUser,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    ip: r.ip,
    entity: r.entity,
    requestId: r.requestId,
    data: JSON.parse(r.data) as unknown,
    hash: r.hash,
  };
}
