import { ApiProperty } from '@nestjs/swagger';
import { AuditRecordEntity } from './audit-record.entity';

export class AuditEventResponse {
  seq!: string;
  eventId!: string;
  type!: string;
  @ApiProperty({ description: 'The service that emitted the event.' }) source!: string;
  time!: string;
  recordedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The user, else the client, who acted.',
  })
  actor!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorClient!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorUser!: string | null;
  action!: string;
  @ApiProperty({ type: String, nullable: true }) target!: string | null;
  @ApiProperty({ example: 'succeeded' }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) entity!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
  hash!: string;
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
