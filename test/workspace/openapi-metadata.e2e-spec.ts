import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

/** `node tools/openapi-metadata.mjs --check` in `tree`: exit code and what it said. */
async function check(tree = root): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(tree, 'tools', 'openapi-metadata.mjs'), '--check'],
      { cwd: tree },
    );
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/**
 * The swagger plugin's metadata is committed (ADR 2): each app's `openapi-metadata.ts` must be
 * what the plugin makes of the sources now, or the documents would describe old DTOs.
 */
/**
 * What the tool reads, copied out of the tree (node_modules linked): the probe DTO goes into the
 * copy, never into apps/ itself, where the other suites running meanwhile would build it into
 * dist/ (a platform starting in another jest worker rebuilds when a source changed) or see it as
 * an unused file (knip).
 */
function copyOfTree(): string {
  const copy = mkdtempSync(join(tmpdir(), 'openapi-metadata-'));
  const skip = [`${sep}node_modules`, `${sep}dist`];
  for (const dir of ['apps', 'libs'])
    cpSync(join(root, dir), join(copy, dir), {
      recursive: true,
      filter: (src) => !skip.some((s) => src.includes(s)),
    });
  for (const file of [
    'tools/openapi-metadata.mjs',
    'tsconfig.base.json',
    'tsconfig.build.json',
    '.prettierrc',
    'package.json',
  ])
    cpSync(join(root, file), join(copy, file));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

describe('OpenAPI plugin metadata (tools/openapi-metadata.mjs)', () => {
  let copy: string | undefined;
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('is up to date for every app', async () => {
    const { code, output } = await check();
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);

  it('is out of date as soon as a DTO changes, naming the app', async () => {
    copy = copyOfTree();
    // The copy as it is passes, so what fails below is the probe.
    expect(await check(copy)).toEqual({ code: 0, output: '' });
    writeFileSync(
      join(copy, 'apps', 'users', 'src', 'usuarios', 'dto', 'probe.dto.ts'),
      'export class ProbeDto {\n  /** A field. */\n  name: string;\n}\n',
    );
    const { code, output } = await check(copy);
    expect(code).toBe(1);
    expect(output).toContain('apps/users/src/openapi-metadata.ts');
    expect(output).not.toContain('apps/audit/src/openapi-metadata.ts');
  }, 240_000);
});
