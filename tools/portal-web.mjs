// Builds the portal's single-page app (ADR 0015): type-checks it against the generated gateway
// types (so a changed API breaks this build), bundles it with Vite into dist/apps/portal/web, and
// writes a .gz beside each asset so the BFF serves them compressed without compressing per request.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget of spec §8 ("the built assets gzip under 300 KB"). */
export const GZIP_BUDGET_BYTES = 300 * 1024;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Writes <file>.gz for each text asset and returns the total gzip size of what a browser loads. */
export function compressAssets(outDir) {
  let total = 0;
  for (const file of files(outDir)) {
    if (!/\.(js|css|html|svg|json)$/.test(file)) continue;
    const gz = gzipSync(readFileSync(file), { level: 9 });
    writeFileSync(`${file}.gz`, gz);
    total += gz.length;
  }
  return total;
}

export async function buildPortalWeb(root, log) {
  const web = join(root, 'apps', 'portal', 'web');
  let started = Date.now();
  log('portal web: type-checking (tsc)…');
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(web, 'tsconfig.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  log(
    `portal web: type-checked in ${((Date.now() - started) / 1000).toFixed(1)} s; bundling (vite)…`,
  );
  started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(web, 'vite.config.mjs') });
  const outDir = join(root, 'dist', 'apps', 'portal', 'web');
  const gzipBytes = compressAssets(outDir);
  const kb = (gzipBytes / 1024).toFixed(1);
  log(
    `portal web: bundled in ${((Date.now() - started) / 1000).toFixed(1)} s, ${kb} KB gzip (budget ${GZIP_BUDGET_BYTES / 1024} KB)`,
  );
  if (gzipBytes > GZIP_BUDGET_BYTES)
    throw new Error(
      `the portal's assets are ${kb} KB gzip, over the ${GZIP_BUDGET_BYTES / 1024} KB budget`,
    );
  return {
    gzipBytes,
    bundleFiles: files(outDir)
      .filter((f) => !f.endsWith('.gz'))
      .map((f) => [f, statSync(f).size]),
  };
}
