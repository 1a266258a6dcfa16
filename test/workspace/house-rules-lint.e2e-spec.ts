import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  computeProjectGraph,
  eslint,
  lockTree,
  npmScript,
  nxEnv,
  Probes,
  root,
  tool,
} from './support/lint';

/**
 * `npm run lint` enforces the house rules beyond module boundaries (issue 17): formatting
 * (`prettier --check`), no unused import (ESLint), no unused export (knip) and no DataSource
 * outside a repository (ESLint). Each is shown failing on a small offending probe and passing
 * on the same probe made clean, so the test can fail both ways.
 */
describe('house rules in `npm run lint`', () => {
  const users = join(root, 'apps', 'users', 'src');
  const probes = new Probes();
  let unlock = () => undefined as void;
  beforeAll(async () => {
    unlock = await lockTree();
  }, 660_000);
  afterEach(() => probes.remove());
  afterAll(() => unlock());

  it('runs ESLint over apps, libs and test (after computing the project graph), then prettier --check and knip', () => {
    expect(npmScript('lint')).toEqual({
      name: 'npm',
      args: [
        'run',
        'lint:code',
        '&&',
        'npm',
        'run',
        'lint:format',
        '&&',
        'npm',
        'run',
        'lint:unused',
      ],
    });
    // The boundary rule reads the cached graph and is skipped without one: `nx show projects` first.
    expect(npmScript('lint:code')).toEqual({
      name: 'nx',
      args: [
        'show',
        'projects',
        '>',
        '/dev/null',
        '&&',
        'eslint',
        '--max-warnings',
        '0',
        'apps',
        'libs',
        'test',
      ],
    });
    expect(npmScript('lint:format')).toEqual({ name: 'prettier', args: ['--check', '.'] });
    expect(npmScript('lint:unused')).toEqual({ name: 'knip', args: [] });
  });

  describe('formatting drift (npm run lint:format)', () => {
    const check = async (file: string) => {
      const { name, args } = npmScript('lint:format');
      return tool(
        name,
        args.map((a) => (a === '.' ? relative(root, file) : a)),
      );
    };
    const probe = join(users, `format-probe-${process.pid}.spec.ts`);

    it('refuses a file Prettier would rewrite', async () => {
      probes.write(probe, 'export const probe = {a:1, b:"two"}\n');
      const { code, output } = await check(probe);
      expect(code).toBe(1);
      expect(output).toContain(`[warn] ${relative(root, probe)}`);
      expect(output).toContain('Code style issues found');
    }, 60_000);

    it('accepts the same file formatted', async () => {
      probes.write(probe, "export const probe = { a: 1, b: 'two' };\n");
      const { code, output } = await check(probe);
      expect(output).toContain('All matched files use Prettier code style!');
      expect(code).toBe(0);
    }, 60_000);
  });

  describe('ESLint rules (npm run lint:code)', () => {
    const graphDir = mkdtempSync(join(tmpdir(), 'nx-workspace-data-'));
    const env = nxEnv(graphDir);
    beforeAll(() => computeProjectGraph(env), 120_000);
    afterAll(() => rmSync(graphDir, { recursive: true, force: true }));

    it('refuses an unused import', async () => {
      const probe = probes.write(
        join(users, `import-probe-${process.pid}.spec.ts`),
        "import { join } from 'node:path';\nexport const probe = 1;\n",
      );
      const { code, output } = await eslint([probe], env);
      expect(code).toBe(1);
      expect(output).toContain("'join' is defined but never used");
      expect(output).toContain('@typescript-eslint/no-unused-vars');
    }, 120_000);

    it('accepts the import once used', async () => {
      const probe = probes.write(
        join(users, `import-probe-${process.pid}.spec.ts`),
        "import { join } from 'node:path';\nexport const probe = join('a', 'b');\n",
      );
      const { code, output } = await eslint([probe], env);
      expect(output).toBe('');
      expect(code).toBe(0);
    }, 120_000);

    // Not a test file and not a repository: a use case of the users service.
    const useCase = join(users, 'e2e', `probe-${process.pid}.usecase.ts`);
    const injecting = (param: string, imports: string) =>
      [
        "import { Injectable } from '@nestjs/common';",
        imports,
        '',
        '@Injectable()',
        'export class ProbeUseCase {',
        `  constructor(${param}) {}`,
        '',
        '  execute(): unknown {',
        '    return this.source;',
        '  }',
        '}',
        '',
      ].join('\n');

    it.each([
      [
        'a DataSource',
        'private readonly source: DataSource',
        "import { DataSource } from 'typeorm';",
      ],
      [
        '@InjectDataSource()',
        '@InjectDataSource() private readonly source: object',
        "import { InjectDataSource } from '@nestjs/typeorm';",
      ],
      [
        '@InjectRepository(...)',
        '@InjectRepository(Object) private readonly source: object',
        "import { InjectRepository } from '@nestjs/typeorm';",
      ],
    ])(
      'refuses %s injected outside a *.repository.ts',
      async (_what, param, imports) => {
        probes.write(useCase, injecting(param, imports));
        const { code, output } = await eslint([useCase], env);
        expect(code).toBe(1);
        expect(output).toContain('I/O goes behind a *.repository.ts');
        expect(output).toContain('no-restricted-syntax');
      },
      120_000,
    );

    it('accepts the same DataSource injected into a *.repository.ts', async () => {
      const repository = probes.write(
        join(users, 'e2e', `probe-${process.pid}.repository.ts`),
        injecting(
          'private readonly source: DataSource',
          "import { DataSource } from 'typeorm';",
        ).replace('ProbeUseCase', 'ProbeRepository'),
      );
      const { code, output } = await eslint([repository], env);
      expect(output).toBe('');
      expect(code).toBe(0);
    }, 120_000);
  });

  describe('unused export (npm run lint:unused)', () => {
    // The module is not a test file (a test file is an entry point, its exports never unused);
    // the spec is the entry point that imports from it.
    const module = join(users, 'e2e', `export-probe-${process.pid}.ts`);
    const spec = join(users, `export-probe-${process.pid}.spec.ts`);
    const knip = () => {
      const { name, args } = npmScript('lint:unused');
      return tool(name, args);
    };
    const writeProbes = (imported: string) => {
      probes.write(
        module,
        "export const usedProbe = 'used';\nexport const unusedProbe = 'unused';\n",
      );
      probes.write(
        spec,
        `import { ${imported} } from './e2e/export-probe-${process.pid}';\n\nit('reads', () => expect([${imported}]).toHaveLength(${imported.split(',').length}));\n`,
      );
    };

    it('refuses an export nothing imports', async () => {
      writeProbes('usedProbe');
      const { code, output } = await knip();
      expect(output).toContain('Unused exports');
      expect(output).toMatch(new RegExp(`unusedProbe\\s+${relative(root, module)}`));
      expect(output).not.toMatch(/(^|\s)usedProbe\s/m);
      expect(code).toBe(1);
    }, 120_000);

    it('accepts it once imported', async () => {
      writeProbes('usedProbe, unusedProbe');
      const { code, output } = await knip();
      expect(output).not.toContain('export-probe');
      expect(code).toBe(0);
    }, 120_000);
  });
});
