import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  eventDefinition,
  validatePayload,
  type EventDefinition,
  type EventEnvelope,
} from '@platform/contracts';
import type { Span } from '@opentelemetry/api';
import {
  failed,
  inSpanOf,
  SpanKind,
  startSpanOf,
  traceparentOfSpan,
} from '@platform/observability';
import type { EventBatchHandler, EventHandler } from '../api';
import type { MessagingMetrics } from '../messaging.metrics';
import { backoffDelay, mayRetry, sleep, type RetryPolicy } from './retry-policy';

export interface HandlerSet {
  definition: EventDefinition;
  /** `@OnEvent` methods: one event per call. */
  handlers: EventHandler[];
  /** `@OnEventBatch` methods: the batch's new events of their types, in order, per call. */
  batchHandlers: EventBatchHandler[];
}

export type ProcessOutcome =
  | { kind: 'processed' }
  | { kind: 'duplicate' }
  | { kind: 'ignored' }
  | { kind: 'dead-letter'; error: string; attempts: number };

/** A handler threw: retried, then dead-lettered. Any other error (database down) is the transport's. */
class HandlerFailed extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/**
 * The idempotent consumer (spec §5): for each event, one transaction inserts the inbox mark
 * `(event_id, consumer_group)` and, only when the mark is new, runs the handlers with that
 * transaction's manager. A handler that keeps failing is retried with backoff, then given up
 * on (dead letter) so the events behind it keep flowing. An event that belongs to a trace is
 * processed in a `process <type>` span continuing it, the parent of the handlers' work.
 */
export class EventProcessor {
  private readonly logger = new Logger('messaging');

  constructor(
    private readonly dataSource: DataSource,
    readonly group: string,
    private readonly handlers: Map<string, HandlerSet>,
    private readonly policy: RetryPolicy,
    private readonly metrics: MessagingMetrics,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {}

  process(envelope: EventEnvelope<unknown>): Promise<ProcessOutcome> {
    // Events of a shared topic that this group has no handler for are not worth a span.
    if (!this.handlers.has(envelope.type)) return this.measured(envelope);
    return inSpanOf(
      envelope.traceparent,
      `process ${envelope.type}`,
      this.spanOptions(envelope),
      (s) => this.measured(envelope, s),
    );
  }

  /**
   * True when every handler of the event's type takes batches (`@OnEventBatch`): such events may
   * go through `processBatch`; any other event goes through `process`, one at a time.
   */
  batchable(envelope: EventEnvelope<unknown>): boolean {
    const set = this.handlers.get(envelope.type);
    return !!set && set.handlers.length === 0 && set.batchHandlers.length > 0;
  }

  /**
   * Processes consecutive `batchable` events in one transaction: their inbox marks in one
   * statement, then each batch handler once with the events that were new, in order; one commit.
   * Outcomes come back in the events' order. An event whose payload is invalid is dead-lettered
   * (as `process` does) without holding up the others. If a handler throws, the transaction
   * rolls back and the events are processed one by one as `process` would (retries, dead
   * letters). Any other failure (database down) throws: the transport redelivers the batch and
   * the inbox skips what had committed.
   */
  async processBatch(envelopes: EventEnvelope<unknown>[]): Promise<ProcessOutcome[]> {
    const outcomes: ProcessOutcome[] = new Array<ProcessOutcome>(envelopes.length);
    const valid: { index: number; event: EventEnvelope<object>; set: HandlerSet }[] = [];
    envelopes.forEach((envelope, index) => {
      const set = this.handlers.get(envelope.type);
      if (!set || !this.batchable(envelope))
        throw new Error(`${this.group}: ${envelope.type} is not processed in batches`);
      try {
        valid.push({
          index,
          set,
          event: { ...envelope, data: validatePayload(set.definition, envelope.data) },
        });
      } catch (e) {
        outcomes[index] = { kind: 'dead-letter', error: errorText(e), attempts: 0 };
        this.metrics.eventHandled(this.group, envelope.type, 'dead-letter', envelope.time);
      }
    });
    if (valid.length === 0) return outcomes;
    const spans = valid.map(({ event }) =>
      startSpanOf(event.traceparent, `process ${event.type}`, this.spanOptions(event)),
    );
    try {
      const fresh = await this.batchOnce(
        valid.map(({ event }, i) => {
          const span = spans[i];
          return span ? { ...event, traceparent: traceparentOfSpan(span) } : event;
        }),
      );
      valid.forEach(({ index, event }, i) => {
        const kind = fresh[i] ? 'processed' : 'duplicate';
        outcomes[index] = { kind };
        spans[i]?.setAttribute('platform.outcome', kind);
        this.metrics.eventHandled(this.group, event.type, kind, event.time);
      });
      return outcomes;
    } catch (e) {
      if (!(e instanceof HandlerFailed)) {
        valid.forEach(({ event }, i) => {
          const span = spans[i];
          if (span) failed(span, e);
          this.metrics.eventHandled(this.group, event.type, 'error', event.time);
        });
        throw e;
      }
      this.logger.warn(
        `${this.group}: a batch of ${valid.length} event(s) failed (${errorText(e.original)}); processing them one by one`,
      );
    } finally {
      spans.forEach((s) => s?.end());
    }
    // One by one: the failing event is retried and dead-lettered, the others go through.
    for (const { index, event } of valid) outcomes[index] = await this.process(event);
    return outcomes;
  }

  private spanOptions(envelope: EventEnvelope<unknown>) {
    return {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': this.group,
        'messaging.message.id': envelope.id,
        'cloudevents.event_type': envelope.type,
        'platform.service': this.group,
      },
    };
  }

  private async measured(envelope: EventEnvelope<unknown>, span?: Span): Promise<ProcessOutcome> {
    try {
      const outcome = await this.decide(envelope);
      span?.setAttribute('platform.outcome', outcome.kind);
      this.metrics.eventHandled(this.group, envelope.type, outcome.kind, envelope.time);
      return outcome;
    } catch (e) {
      this.metrics.eventHandled(this.group, envelope.type, 'error', envelope.time);
      throw e;
    }
  }

  private async decide(envelope: EventEnvelope<unknown>): Promise<ProcessOutcome> {
    const set = this.handlers.get(envelope.type);
    if (!set) {
      return eventDefinition(envelope.type)
        ? { kind: 'ignored' } // another service's concern on a shared topic
        : { kind: 'dead-letter', error: `unknown event type ${envelope.type}`, attempts: 0 };
    }
    let data: object;
    try {
      data = validatePayload(set.definition, envelope.data);
    } catch (e) {
      return { kind: 'dead-letter', error: errorText(e), attempts: 0 };
    }
    return this.withRetries({ ...envelope, data }, set);
  }

  private async withRetries(
    event: EventEnvelope<object>,
    handlers: HandlerSet,
  ): Promise<ProcessOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const fresh = await this.once(event, handlers, attempt);
        return { kind: fresh ? 'processed' : 'duplicate' };
      } catch (e) {
        if (!(e instanceof HandlerFailed)) throw e;
        const error = errorText(e.original);
        if (!mayRetry(this.policy, attempt))
          return { kind: 'dead-letter', error, attempts: attempt };
        this.logger.warn(
          `${this.group}: handler for ${event.type} ${event.id} failed (attempt ${attempt}): ${error}`,
        );
        await this.wait(backoffDelay(this.policy, attempt));
      }
    }
  }

  /** True when this run processed the event; false when the inbox already had it. */
  private once(
    event: EventEnvelope<object>,
    { handlers, batchHandlers }: HandlerSet,
    attempt: number,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const rows: unknown[] = await manager.query(
        `INSERT INTO inbox_events (event_id, consumer_group, type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.id, this.group, event.type],
      );
      if (rows.length === 0) return false;
      try {
        for (const handler of handlers) await handler(event, { manager, attempt });
        for (const handler of batchHandlers) await handler([event], { manager, attempt });
      } catch (e) {
        throw new HandlerFailed(e);
      }
      return true;
    });
  }

  /**
   * One transaction for a batch: inserts the inbox marks of all its events in one statement and
   * hands each batch handler the new ones of its types, in order. Per event: true when new.
   * An event id twice in one batch (a producer's retry) counts once, at its first place.
   */
  private batchOnce(events: EventEnvelope<object>[]): Promise<boolean[]> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const rows: { event_id: string }[] = await manager.query(
        `INSERT INTO inbox_events (event_id, consumer_group, type)
         SELECT e.id, $2, e.type FROM unnest($1::text[], $3::text[]) AS e(id, type)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [events.map((e) => e.id), this.group, events.map((e) => e.type)],
      );
      const inserted = new Set(rows.map((r) => r.event_id));
      const fresh = events.map((e) => inserted.delete(e.id));
      const byHandler = new Map<EventBatchHandler, EventEnvelope<object>[]>();
      events.forEach((event, i) => {
        if (!fresh[i]) return;
        for (const handler of this.handlers.get(event.type)?.batchHandlers ?? []) {
          const mine = byHandler.get(handler) ?? [];
          mine.push(event);
          byHandler.set(handler, mine);
        }
      });
      try {
        for (const [handler, mine] of byHandler) await handler(mine, { manager, attempt: 1 });
      } catch (e) {
        throw new HandlerFailed(e);
      }
      return fresh;
    });
  }
}

export function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 2000);
}
