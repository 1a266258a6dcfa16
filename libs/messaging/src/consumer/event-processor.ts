import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  eventDefinition,
  validatePayload,
  type EventDefinition,
  type EventEnvelope,
} from '@platform/contracts';
import type { Span } from '@opentelemetry/api';
import { inSpanOf, SpanKind } from '@platform/observability';
import type { EventHandler } from '../api';
import type { MessagingMetrics } from '../messaging.metrics';
import { backoffDelay, mayRetry, sleep, type RetryPolicy } from './retry-policy';

export interface HandlerSet {
  definition: EventDefinition;
  handlers: EventHandler[];
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
    const span = {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': this.group,
        'messaging.message.id': envelope.id,
        'cloudevents.event_type': envelope.type,
        'platform.service': this.group,
      },
    };
    return inSpanOf(envelope.traceparent, `process ${envelope.type}`, span, (s) =>
      this.measured(envelope, s),
    );
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
    return this.withRetries({ ...envelope, data }, set.handlers);
  }

  private async withRetries(
    event: EventEnvelope<object>,
    handlers: EventHandler[],
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
    handlers: EventHandler[],
    attempt: number,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const rows: unknown[] = await manager.query(
        `INSERT INTO inbox_events (event_id, consumer_group, type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.id, this.group, event.type],
      );
      if (rows.length === 0) return false;
      for (const handler of handlers) {
        try {
          await handler(event, { manager, attempt });
        } catch (e) {
          throw new HandlerFailed(e);
        }
      }
      return true;
    });
  }
}

export function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 2000);
}
