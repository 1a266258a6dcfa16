import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/*
 * Tracing is off unless an OTLP endpoint is configured, and then costs nothing: not even the SDK
 * is loaded. Checked in a plain Node process (jest's own module loader would hide what Node
 * loads), running this lib's TypeScript through the repository's swc register hook.
 */

const root = join(__dirname, '..', '..', '..');
const register = join(root, 'test', 'messaging', 'fixtures', 'register.js');

/** startTracing's answer and the @opentelemetry packages Node loaded, under `env`. */
function probe(env: Record<string, string>): { started: boolean; loaded: string[] } {
  const script = `
    const { startTracing, stopTracing } = require(${JSON.stringify(join(__dirname, 'index.ts'))});
    const started = startTracing('probe');
    const loaded = [...new Set(Object.keys(require.cache)
      .map((f) => /node_modules\\/(@opentelemetry\\/[^/]+|@fastify\\/otel)\\//.exec(f)?.[1])
      .filter(Boolean))].sort();
    process.stdout.write(JSON.stringify({ started, loaded }));
    stopTracing().then(() => process.exit(0));`;
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')),
  ) as Record<string, string>;
  const out = execFileSync(process.execPath, ['-r', register, '-e', script], {
    env: { ...clean, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { started: boolean; loaded: string[] };
}

describe('startTracing', () => {
  it('does nothing, and loads no OpenTelemetry package, without an OTLP endpoint', () => {
    expect(probe({})).toEqual({ started: false, loaded: [] });
  });

  it('starts the SDK with its instrumentations when OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
    const { started, loaded } = probe({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(started).toBe(true);
    expect(loaded).toEqual(
      expect.arrayContaining([
        '@fastify/otel',
        '@opentelemetry/sdk-node',
        '@opentelemetry/instrumentation-http',
        '@opentelemetry/instrumentation-undici',
        '@opentelemetry/instrumentation-pg',
        '@opentelemetry/instrumentation-kafkajs',
      ]),
    );
  });

  it('stays off with OTEL_SDK_DISABLED=true, whatever the endpoint', () => {
    expect(
      probe({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_SDK_DISABLED: 'true' }),
    ).toEqual({ started: false, loaded: [] });
  });

  // A second SDK in one process (jest runs many suites per worker) must not instrument Fastify
  // twice: NodeSDK's shutdown alone leaves @fastify/otel subscribed to new Fastify instances.
  it('lets a process start tracing again after stopping it', () => {
    const script = `
      const { startTracing, stopTracing } = require(${JSON.stringify(join(__dirname, 'index.ts'))});
      const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' };
      (async () => {
        startTracing('first', { env: endpoint });
        await stopTracing();
        startTracing('second', { env: endpoint });
        await require('fastify')().ready();
        await stopTracing();
        process.stdout.write('ok');
      })().catch((e) => { process.stdout.write(String(e.message)); process.exit(1); });`;
    const out = execFileSync(process.execPath, ['-r', register, '-e', script], {
      encoding: 'utf8',
    });
    expect(out).toBe('ok');
  });
});
