#!/usr/bin/env node
// Brings each app's OpenAPI plugin metadata up to date when a source changed (tools/openapi-metadata.mjs),
// compiles every app and lib with tsc (incremental), rewrites the @platform/* aliases to relative
// paths, and writes dist/apps/<app>/main.js entry points so each app runs as `node dist/apps/<app>/main.js`.
// Then builds the portal's single-page app (type-check, Vite) into dist/apps/portal/web.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refreshMetadata } from './openapi-metadata.mjs';
import { buildPortalWeb } from './portal-web.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const started = Date.now();
await refreshMetadata((line) => process.stdout.write(`build: ${line}\n`));
process.stdout.write('build: compiling apps and libs with tsc…\n');
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
for (const app of readdirSync(join(root, 'apps'))) {
  if (!existsSync(join(root, 'apps', app, 'src', 'main.ts'))) continue;
  const out = join(root, 'dist', 'apps', app);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'main.js'), `require('../../out/apps/${app}/src/main.js');\n`);
  writeFileSync(
    join(out, 'bootstrap.js'),
    `module.exports = require('../../out/apps/${app}/src/bootstrap.js');\n`,
  );
}
await buildPortalWeb(root, (line) => process.stdout.write(`build: ${line}\n`));
process.stdout.write(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
