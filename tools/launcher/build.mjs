// Builds dist/ with tools/build.mjs unless it is already newer than every source file.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_ROOTS = ['apps', 'libs'];
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;
/** The portal's single-page app is built too (tools/portal-web.mjs): its sources count. */
const WEB_SOURCES = join('apps', 'portal', 'web');
const WEB_FILE = /\.(ts|tsx|css|json|html|mjs)$/;
const STAMP = join('dist', '.launcher-build-stamp');

function newestSource(root) {
  let newest = 0;
  const walk = (dir, counts = (name) => name.endsWith('.ts') && !TEST_FILE.test(name)) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, counts);
      else if (counts(entry.name)) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  for (const top of SOURCE_ROOTS) {
    for (const project of readdirSync(join(root, top))) {
      const src = join(root, top, project, 'src');
      if (existsSync(src)) walk(src);
    }
  }
  if (existsSync(join(root, WEB_SOURCES)))
    walk(join(root, WEB_SOURCES), (name) => WEB_FILE.test(name));
  for (const file of ['tsconfig.base.json', 'tsconfig.build.json'])
    newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

/** True when every app's entry point exists and nothing was edited since the last build. */
export function isDistFresh(root, apps) {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return false;
  if (!apps.every((app) => existsSync(join(root, 'dist', 'apps', app, 'bootstrap.js'))))
    return false;
  if (!existsSync(join(root, 'dist', 'apps', 'portal', 'web', 'index.html'))) return false;
  return statSync(stamp).mtimeMs >= newestSource(root);
}

/** Runs the incremental build when needed; exits the launcher if it fails. */
export function ensureBuilt(root, apps, log) {
  if (isDistFresh(root, apps)) {
    log('build: dist is up to date');
    return;
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(
      'the build failed (see the compiler output above); fix it or run `npm run build`',
    );
  }
  const stamp = join(root, STAMP);
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  // Stamped with the start time: a file saved during the build makes the next start rebuild.
  utimesSync(stamp, new Date(started), new Date(started));
}
