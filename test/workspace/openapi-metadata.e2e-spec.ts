import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

/** `node tools/openapi-metadata.mjs --check`: exit code and what it said. */
async function check(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(root, 'tools', 'openapi-metadata.mjs'), '--check'],
      { cwd: root },
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
describe('OpenAPI plugin metadata (tools/openapi-metadata.mjs)', () => {
  const probe = join(
    root,
    'apps',
    'users',
    'src',
    'usuarios',
    'dto',
    `probe-${process.pid}.dto.ts`,
  );
  afterAll(() => rmSync(probe, { force: true }));

  it('is up to date for every app', async () => {
    const { code, output } = await check();
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);

  it('is out of date as soon as a DTO changes, naming the app', async () => {
    writeFileSync(probe, 'export class ProbeDto {\n  /** A field. */\n  name: string;\n}\n');
    const { code, output } = await check();
    expect(code).toBe(1);
    expect(output).toContain('apps/users/src/openapi-metadata.ts');
    expect(output).not.toContain('apps/audit/src/openapi-metadata.ts');
  }, 120_000);
});
