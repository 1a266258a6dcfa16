// Loaded first by every app's main.ts: keep this module free of anything heavy or instrumented.
export { flushTracing, startTracing, stopTracing, tracingEnabled } from './start-tracing';
