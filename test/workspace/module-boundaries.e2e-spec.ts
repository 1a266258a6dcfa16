import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeProjectGraph, eslint, lockTree, nxEnv, root } from './support/lint';

/** Lints one file with the workspace's ESLint config; resolves to exit code and output. */
const lint = (file: string, env: NodeJS.ProcessEnv) => eslint([file], env);

/**
 * The lint must fail when an app imports another app or a service's code leaks into another
 * service, and pass for the same file without that import (so the test can fail both ways).
 */
describe('module boundaries (npm run lint:code)', () => {
  // A `.spec.ts` name: in the users project and its type-aware lint, but outside the build and
  // the launcher's freshness check, so suites building or starting the platform meanwhile (in
  // other jest workers) neither compile it nor rebuild because of it.
  const probe = join(root, 'apps', 'users', 'src', `boundary-probe-${process.pid}.spec.ts`);
  const graphDir = mkdtempSync(join(tmpdir(), 'nx-workspace-data-'));
  const env = nxEnv(graphDir);
  let unlock = () => undefined as void;
  beforeAll(async () => {
    // Its probe must not be in the tree while house-rules-lint runs knip over it.
    unlock = await lockTree();
    await computeProjectGraph(env);
  }, 720_000);
  afterEach(() => rmSync(probe, { force: true }));
  afterAll(() => {
    rmSync(graphDir, { recursive: true, force: true });
    unlock();
  });

  it('refuses an app importing another app', async () => {
    writeFileSync(
      probe,
      "import { SERVICE } from '../../audit/src/bootstrap';\nexport const x = SERVICE;\n",
    );
    const { code, output } = await lint(probe, env);
    expect(code).toBe(1);
    expect(output).toContain('@nx/enforce-module-boundaries');
  }, 120_000);

  it('accepts the same app importing shared libraries', async () => {
    writeFileSync(
      probe,
      "import { SERVICE } from './bootstrap';\nimport { Topics } from '@platform/contracts';\nexport const x = [SERVICE, Topics.Users];\n",
    );
    const { code, output } = await lint(probe, env);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
