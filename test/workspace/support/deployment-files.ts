import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Readers of the repository's deployment files, for the tests that check them without Docker. */

export const root = join(__dirname, '..', '..', '..');

/** Every app of the repository: a folder of apps/ with a main.ts. */
export const APPS = readdirSync(join(root, 'apps')).filter((app) =>
  existsSync(join(root, 'apps', app, 'src', 'main.ts')),
);

export interface DockerStage {
  name: string;
  from: string;
  /** Instructions after FROM, continuation lines joined, comments dropped. */
  instructions: { op: string; args: string }[];
}

/** The Dockerfile's stages, in order. */
export function dockerStages(file = join(root, 'Dockerfile')): {
  globalArgs: string[];
  stages: DockerStage[];
} {
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const globalArgs: string[] = [];
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { op: op.toUpperCase(), args };
    if (instruction.op === 'FROM') {
      const [, from = '', name = ''] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args) ?? [];
      stages.push({ name, from, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.op === 'ARG') globalArgs.push(args);
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test: string[] | string };
  command?: string[];
  env_file?: string | string[];
}

/** docker-compose.yml with its YAML merge keys (`<<: *app`) applied. */
export function composeFile(): { services: Record<string, ComposeService> } {
  return parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
}

/** A fresh .env as `node tools/gen-keys.mjs > .env` writes it, read the way compose reads it. */
export function generatedDotEnv(): Record<string, string> {
  const text = execFileSync(process.execPath, [join(root, 'tools', 'gen-keys.mjs')]).toString();
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m?.[1]) continue;
    const raw = m[2] ?? '';
    // Compose expands escapes inside double quotes: the PEM keys arrive with real newlines.
    vars[m[1]] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\n/g, '\n') : raw;
  }
  return vars;
}

/**
 * Compose's interpolation of one value: `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?message}` (an error when unset or empty), `$$` for a literal `$`.
 */
export function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z0-9_]+)(?:(:?[-?])([^}]*))?\}/g,
    (match, name: string | undefined, op: string | undefined, arg: string | undefined) => {
      if (match === '$$' || name === undefined) return '$';
      const v = vars[name];
      const unset = v === undefined || (op?.startsWith(':') === true && v === '');
      if (unset && op?.endsWith('?')) throw new Error(`${name}: ${arg ?? 'required'}`);
      if (unset && op?.endsWith('-')) return arg ?? '';
      return v ?? '';
    },
  );
}

/**
 * One compose service's environment as its container gets it from a generated .env: the whole
 * file when the service lists it as an `env_file`, then its `environment`, interpolated.
 */
export function serviceEnvironment(
  service: ComposeService,
  dotEnv: Record<string, string>,
): Record<string, string> {
  const files = [service.env_file ?? []].flat();
  return {
    ...(files.includes('.env') ? dotEnv : {}),
    ...Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([k, v]) => [
        k,
        interpolate(String(v), dotEnv),
      ]),
    ),
  };
}
