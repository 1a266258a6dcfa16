import {
  type Attributes,
  context,
  type Context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { tracingEnabled } from '@platform/tracing';

const tracer = () => trace.getTracer('@platform/observability');

/** W3C `traceparent` of a context (the active one by default); undefined when tracing is off. */
export function traceparentOf(ctx: Context = context.active()): string | undefined {
  if (!tracingEnabled()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier['traceparent'];
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
}

/**
 * Runs `work` in a new span continuing the trace of `traceparent` (an outbox row's, an event's, a
 * delivery's): the span is the parent of whatever `work` does (queries, HTTP calls) and its
 * context is what `traceparentOf()` returns inside. Work that belongs to no trace (tracing off,
 * or the event was caused by nothing traced) runs without a span: background work never starts
 * traces of its own.
 */
export async function inSpanOf<T>(
  traceparent: string | null | undefined,
  name: string,
  options: SpanOptions,
  work: (span?: Span) => Promise<T>,
): Promise<T> {
  if (!traceparent || !tracingEnabled()) return work();
  const parent = propagation.extract(ROOT_CONTEXT, { traceparent });
  if (!trace.getSpanContext(parent)) return work();
  const span = tracer().startSpan(name, options, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (e) {
    failed(span, e);
    throw e;
  } finally {
    span.end();
  }
}

/**
 * Starts a span continuing `traceparent` that the caller ends (work spread over several calls,
 * e.g. one publish span per event of a batch). Undefined when there is nothing to continue.
 */
export function startSpanOf(
  traceparent: string | null | undefined,
  name: string,
  options: SpanOptions,
): Span | undefined {
  if (!traceparent || !tracingEnabled()) return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, { traceparent });
  if (!trace.getSpanContext(parent)) return undefined;
  return tracer().startSpan(name, options, parent);
}

/** The `traceparent` that makes `span` the parent of what receives it. */
export function traceparentOfSpan(span: Span): string | undefined {
  return traceparentOf(trace.setSpan(ROOT_CONTEXT, span));
}

/** Runs `work` with `span` as the active span (or as is, without one). */
export function withSpan<T>(span: Span | undefined, work: () => T): T {
  return span ? context.with(trace.setSpan(context.active(), span), work) : work();
}

export function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

/**
 * Fields pino adds to every log line (its `mixin`): the trace and span the line was written in,
 * so a log line leads to its trace and back. Nothing when tracing is off or outside a trace.
 */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  if (!tracingEnabled()) return {};
  const span = trace.getSpanContext(context.active());
  if (!span) return {};
  return { trace_id: span.traceId, span_id: span.spanId };
}

export { SpanKind };
