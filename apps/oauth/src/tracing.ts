// Imported first by main.ts: OpenTelemetry must patch http, undici, fastify, pg and kafkajs
// before anything loads them. Does nothing (not even load the SDK) unless it is configured.
import { startTracing } from '@platform/tracing';

startTracing('oauth');
