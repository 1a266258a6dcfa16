#!/usr/bin/env node
// `npm start`: the whole platform in one process (spec §1 "Running it"). Builds if needed, then
// boots embedded Postgres, every service and the gateway; Ctrl-C stops them all cleanly.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './launcher/build.mjs';
import { startPlatform, stopper } from './launcher/platform.mjs';
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
  const dataDir = makeDataDir(resolve(process.env.DATA_DIR || join(root, '.data')));
  const env = { ...process.env };
  // At info, Nest's boot chatter (hundreds of JSON lines) buries the credentials and URLs.
  const quiet = !env.LOG_LEVEL;
  if (quiet) env.LOG_LEVEL = 'warn';
  const stops = [];
  // Only under npm: `nohup node tools/start.mjs &` is meant to outlive its shell.
  const signals = [stopper(stops, log), log, { followParent: Boolean(env.npm_lifecycle_event) }];
  takeOverSignals(...signals); // a signal during the boot stops what has started
  const platform = await startPlatform({ root, env, dataDir, log, stops });
  takeOverSignals(...signals); // the apps have added their own handlers meanwhile
  if (platform.credentials) process.stdout.write(`\n${platform.credentials}\n`);
  log(
    `platform ready in ${((Date.now() - started) / 1000).toFixed(1)} s (services ${platform.bootSeconds.toFixed(1)} s)`,
  );
  log(`gateway:  ${platform.gatewayUrl}  (public URL ${platform.publicUrl})`);
  log(`API docs: ${platform.gatewayUrl}/docs`);
  log(`portal:   ${platform.publicUrl}/portal/  (sign in as the platform administrator)`);
  if (quiet) log('logs: warnings and errors only (LOG_LEVEL=info adds each request)');
  if (platform.credentials?.includes('BOOTSTRAP_CLIENT_ID=')) {
    log(
      `a token, once the two BOOTSTRAP_CLIENT_ lines above are pasted into your shell: curl -u "$BOOTSTRAP_CLIENT_ID:$BOOTSTRAP_CLIENT_SECRET" -d grant_type=client_credentials -d scope=platform.admin ${platform.gatewayUrl}/auth/oauth2/token`,
    );
  }
}

/** DATA_DIR, made when missing; a clear sentence when it cannot be. */
function makeDataDir(dir) {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new Error(
      `DATA_DIR ${dir} cannot be made a folder (${e.code ?? e.message}); point DATA_DIR at a folder you may write`,
    );
  }
  return dir;
}

main().catch((e) => {
  process.stderr.write(`[start] failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
