import type { AttemptEntity, DeliveryEntity } from './delivery.entity';

export class AttemptResponse {
  attempt: number;
  time: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** The start of the receiver's answer (at most 1 KiB). */
  responseBody: string | null;
}

export class DeliveryResponse {
  id: string;
  eventId: string;
  action: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  completedAt: string | null;
  /** Newest first. */
  attemptLog: AttemptResponse[];
}

export function toDeliveryResponse(d: DeliveryEntity, attempts: AttemptEntity[]): DeliveryResponse {
  return {
    id: d.id,
    eventId: d.eventId,
    action: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
    completedAt: d.completedAt?.toISOString() ?? null,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      time: a.startedAt.toISOString(),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      error: a.error,
      responseBody: a.responseBody,
    })),
  };
}
