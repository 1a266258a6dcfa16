import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { APPS, root } from './deployment-files';

const run = promisify(execFile);

/** Compiling competes with everything else on the machine. */
export const BUILD_LIMIT_MS = 180_000;

/** Builds dist/ as `npm start` does (the launcher's ensureBuilt): only when a source changed. */
export async function ensureDist(): Promise<void> {
  const script =
    "const { ensureBuilt } = await import('./tools/launcher/build.mjs');" +
    `ensureBuilt(process.cwd(), ${JSON.stringify(APPS)}, () => {});`;
  await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    timeout: BUILD_LIMIT_MS,
  });
}
