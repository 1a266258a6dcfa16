import { FastifyOtelInstrumentation } from '@fastify/otel';
import { trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage } from 'node:http';

export interface TracingSdk {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Scrapes and probes: polled every few seconds, they would drown the traces that matter. */
export function isHousekeepingPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0] ?? '';
  return path === '/metrics' || path.startsWith('/health/');
}

/**
 * The process's OpenTelemetry SDK: traces only (metrics are Prometheus, served at `/metrics`),
 * exported as OTLP as the standard variables say (`OTEL_EXPORTER_OTLP_ENDPOINT`, protocol
 * `http/protobuf` unless `OTEL_EXPORTER_OTLP_PROTOCOL` says otherwise, `OTEL_BSP_*` batching).
 * Spans of background work (the outbox relay's polls, the delivery worker's claims, token
 * caches refreshing) are made only inside a trace, never as traces of their own.
 *
 * @public start-tracing.ts loads this module lazily with `require()` (keeping the SDK out of
 * untraced processes), which the unused-export check (knip) cannot follow.
 */
export function createTracingSdk(
  service: string,
  env: NodeJS.ProcessEnv,
  spanProcessors?: SpanProcessor[],
): TracingSdk {
  const instrumentations = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (req: IncomingMessage) => isHousekeepingPath(req.url),
      requireParentforOutgoingSpans: true,
    }),
    new UndiciInstrumentation({ requireParentforSpans: true }),
    new FastifyOtelInstrumentation({
      registerOnInitialization: true,
      // One span per request and one for its handler; a span per hook would be noise.
      instrumentHooks: false,
      ignorePaths: ({ url }) => isHousekeepingPath(url),
    }),
    new PgInstrumentation({ requireParentSpan: true }),
    new KafkaJsInstrumentation(),
  ];
  const sdk = new NodeSDK({
    // OTEL_SERVICE_NAME, when set, wins (the SDK reads it); otherwise the app's (or `platform`).
    serviceName: env['OTEL_SERVICE_NAME'] ? undefined : service,
    instrumentations,
    metricReaders: [],
    logRecordProcessors: [],
    ...(spanProcessors ? { spanProcessors } : {}),
  });
  sdk.start();
  return {
    forceFlush: async () => {
      const provider = trace.getTracerProvider() as { getDelegate?: () => unknown };
      const delegate = provider.getDelegate?.() as { forceFlush?: () => Promise<void> } | undefined;
      await delegate?.forceFlush?.();
    },
    // NodeSDK's shutdown leaves the instrumentations patched and subscribed (e.g. @fastify/otel
    // to `fastify.initialization`): a later start in the same process (a test run) would then
    // instrument every Fastify instance twice.
    shutdown: async () => {
      await sdk.shutdown();
      for (const instrumentation of instrumentations) instrumentation.disable();
    },
  };
}
