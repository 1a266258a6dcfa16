#!/usr/bin/env node
// `npm start`: the whole platform in one process (spec §1 "Running it"). Builds if needed, then
// boots embedded Postgres, every service and the gateway; Ctrl-C stops them all cleanly.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './launcher/build.mjs';
import { startPlatform } from './launcher/platform.mjs';
import { GATEWAY, SERVICES } from './launcher/services.mjs';
import { takeOverSignals } from './launcher/signals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line) => process.stdout.write(`[start] ${line}\n`);

async function main() {
  const started = Date.now();
  ensureBuilt(root, [GATEWAY.name, ...SERVICES.map((s) => s.name)], log);
  // One OpenTelemetry SDK for the whole process (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set),
  // started before any app code loads the libraries it instruments.
  const tracing = createRequire(import.meta.url)(join(root, 'dist/out/libs/tracing/src/index.js'));
  if (tracing.startTracing('platform')) log('tracing: exporting spans over OTLP');
  const dataDir = resolve(process.env.DATA_DIR || join(root, '.data'));
  mkdirSync(dataDir, { recursive: true });
  const platform = await startPlatform({ root, env: { ...process.env }, dataDir, log });
  // Only under npm: `nohup node tools/start.mjs &` is meant to outlive its shell.
  takeOverSignals(platform.close, log, { followParent: Boolean(process.env.npm_lifecycle_event) });
  if (platform.credentials) process.stdout.write(`\n${platform.credentials}\n`);
  log(
    `platform ready in ${((Date.now() - started) / 1000).toFixed(1)} s (services ${platform.bootSeconds.toFixed(1)} s)`,
  );
  log(`gateway:  ${platform.gatewayUrl}  (public URL ${platform.publicUrl})`);
  log(`API docs: ${platform.gatewayUrl}/docs`);
}

main().catch((e) => {
  process.stderr.write(`[start] failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
