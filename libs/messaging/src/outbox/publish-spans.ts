import {
  failed,
  SpanKind,
  startSpanOf,
  traceparentOfSpan,
  withSpan,
} from '@platform/observability';
import type { Span } from '@opentelemetry/api';
import type { OutgoingEvent } from '../transport';

/**
 * One `publish <topic>` span per outbox event that belongs to a trace, child of the context its
 * row kept (the request that wrote it). The event then carries the span's own `traceparent`, so
 * its consumers continue the trace under the publication. With tracing off, or for an event
 * written outside any trace, nothing is made and the event keeps the row's `traceparent`.
 */
export class PublishSpans {
  private constructor(private readonly spans: Span[]) {}

  static start(service: string, system: string, events: OutgoingEvent[]): PublishSpans {
    const spans: Span[] = [];
    for (const event of events) {
      const span = startSpanOf(event.traceparent, `publish ${event.topic}`, {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': system,
          'messaging.operation.type': 'send',
          'messaging.destination.name': event.topic,
          'messaging.message.id': event.id,
          'cloudevents.event_type': event.type,
          'platform.service': service,
        },
      });
      if (!span) continue;
      event.traceparent = traceparentOfSpan(span) ?? event.traceparent;
      spans.push(span);
    }
    return new PublishSpans(spans);
  }

  /**
   * Runs the publication. A batch of one event runs inside its span, so the transport's own
   * spans (kafkajs `send`) join that trace; a mixed batch cannot have one parent.
   */
  run<T>(events: OutgoingEvent[], publish: () => Promise<T>): Promise<T> {
    return withSpan(events.length === 1 ? this.spans[0] : undefined, publish);
  }

  end(error?: unknown): void {
    for (const span of this.spans) {
      if (error !== undefined) failed(span, error);
      span.end();
    }
  }
}
