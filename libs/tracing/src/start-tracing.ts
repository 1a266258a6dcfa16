import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TracingSdk } from './tracing-sdk';

export interface TracingOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * Tests only: where spans go instead of the OTLP exporter (e.g. a SimpleSpanProcessor over an
   * InMemorySpanExporter). Giving it turns tracing on whatever the environment says.
   */
  spanProcessors?: SpanProcessor[];
}

let sdk: TracingSdk | undefined;

/**
 * Tracing is asked for by naming where spans go (OpenTelemetry's own variables), and can be
 * turned off again with `OTEL_SDK_DISABLED=true` without removing the endpoint.
 */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return false;
  return Boolean(
    env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim() || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim(),
  );
}

/**
 * Starts OpenTelemetry for this process (once: under `npm start` the launcher starts it for
 * every app, and the apps' own calls find it running). It must run before the instrumented
 * libraries (http, undici, fastify, pg, kafkajs) are first required, so each app's `main.ts`
 * imports its `tracing.ts` first. When tracing is off the SDK is not even loaded: the rest of
 * the code only ever touches the no-op `@opentelemetry/api`.
 */
export function startTracing(service: string, options: TracingOptions = {}): boolean {
  if (sdk) return true;
  const env = options.env ?? process.env;
  if (!options.spanProcessors && !tracingRequested(env)) return false;
  // Loaded here, not imported at the top: with tracing off nothing of the SDK is required.
  const { createTracingSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  sdk = createTracingSdk(service, env, options.spanProcessors);
  return true;
}

/** True once `startTracing` turned tracing on in this process. */
export function tracingEnabled(): boolean {
  return sdk !== undefined;
}

/** Exports the spans still buffered (an app closing); resolves at once when tracing is off. */
export async function flushTracing(): Promise<void> {
  await sdk?.forceFlush();
}

/** Flushes and stops the SDK (end of the process or of a test). */
export async function stopTracing(): Promise<void> {
  const stopping = sdk;
  sdk = undefined;
  await stopping?.shutdown();
}
