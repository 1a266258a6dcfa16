import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

/** Lints one file with the workspace's ESLint config; resolves to exit code and output. */
async function lint(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(join(root, 'node_modules', '.bin', 'eslint'), ['--no-cache', file], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    return { code: 0, output: stdout };
  } catch (e) {
    const err = e as { code?: number; stdout?: string };
    return { code: err.code ?? 1, output: err.stdout ?? '' };
  }
}

/**
 * The lint must fail when an app imports another app or a service's code leaks into another
 * service, and pass for the same file without that import (so the test can fail both ways).
 */
describe('module boundaries (npx nx run-many -t lint)', () => {
  const probe = join(root, 'apps', 'users', 'src', `boundary-probe-${process.pid}.ts`);
  afterEach(() => rmSync(probe, { force: true }));

  it('refuses an app importing another app', async () => {
    writeFileSync(probe, "import { SERVICE } from '../../audit/src/bootstrap';\nexport const x = SERVICE;\n");
    const { code, output } = await lint(probe);
    expect(code).toBe(1);
    expect(output).toContain('@nx/enforce-module-boundaries');
  }, 120_000);

  it('accepts the same app importing shared libraries', async () => {
    writeFileSync(probe, "import { SERVICE } from './bootstrap';\nimport { Topics } from '@platform/contracts';\nexport const x = [SERVICE, Topics.Users];\n");
    const { code, output } = await lint(probe);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
