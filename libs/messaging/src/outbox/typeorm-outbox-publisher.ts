import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SERVICE_NAME } from '@platform/config';
import { validatePayload } from '@platform/contracts';
import { traceparentOf } from '@platform/observability';
import { OutboxPublisher, type EventDraft } from '../api';
import { OutboxEventEntity } from './outbox-event.entity';

/** First key of the two-key advisory locks that serialize one subject's outbox writers. */
const SUBJECT_LOCK_SPACE = 0x0b0c;
/** Postgres delivers a NOTIFY on this channel when the writing transaction commits (OutboxRelay). */
export const OUTBOX_CHANNEL = 'outbox_events';

type OutboxInsert = Omit<OutboxEventEntity, 'sequence' | 'publishedAt' | 'attempts' | 'lastError'>;

@Injectable()
export class TypeOrmOutboxPublisher extends OutboxPublisher {
  private readonly source: string;

  constructor(@Inject(SERVICE_NAME) service: string) {
    super();
    this.source = `/platform/${service}`;
  }

  async add(manager: EntityManager, ...events: EventDraft[]): Promise<void> {
    if (events.length === 0) return;
    // Validate everything first: a bad payload fails the caller's transaction, not a consumer.
    const rows = events.map((e) => this.row(e));
    if (manager.queryRunner?.isTransactionActive) return this.write(manager, rows);
    return manager.transaction((m) => this.write(m, rows));
  }

  /**
   * Writers of one subject take a transaction-scoped lock before their rows get a sequence
   * number, so sequence order equals commit order per subject and the relay (which reads in
   * sequence order) can never publish an aggregate's later event before an earlier one.
   */
  private async write(manager: EntityManager, rows: OutboxInsert[]): Promise<void> {
    const subjects = [...new Set(rows.map((r) => r.subject))].sort();
    for (const subject of subjects) {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        SUBJECT_LOCK_SPACE,
        subject,
      ]);
    }
    await manager.insert(OutboxEventEntity, rows);
    // Wakes the relay the moment this commits (and not at all if it rolls back), instead of at its
    // next poll: a revocation reaches the gateway a poll interval sooner.
    await manager.query(`NOTIFY ${OUTBOX_CHANNEL}`);
  }

  private row(e: EventDraft): OutboxInsert {
    validatePayload(e.definition, e.data);
    if (!e.subject)
      throw new Error(`${e.definition.type}: an event needs a subject (aggregate id)`);
    return {
      id: e.id ?? randomUUID(),
      topic: e.definition.topic,
      type: e.definition.type,
      source: this.source,
      subject: e.subject,
      entity: e.entity ?? null,
      time: e.time ?? new Date(),
      data: e.data,
      // The trace of the request (or consumed event) that wrote it, for the relay to continue.
      traceparent: e.traceparent ?? traceparentOf() ?? null,
    };
  }
}
