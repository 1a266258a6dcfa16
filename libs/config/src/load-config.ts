import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export type Env = Record<string, string | undefined>;
export type ConfigClass<T> = new () => T;

/** Thrown at boot when the environment does not validate; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; problems: string[] }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.problems.join('; ')}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment into one typed, immutable config object. Only the keys the class
 * declares are read; empty strings count as unset so `FOO=` falls back to the default.
 */
export function loadConfig<T extends object>(cls: ConfigClass<T>, env: Env = process.env): T {
  const plain: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') plain[k] = v;
  const instance = plainToInstance(cls, plain, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(errors.map(describe));
  return Object.freeze(instance);
}

function describe(e: ValidationError): { variable: string; problems: string[] } {
  return {
    variable: e.property,
    problems: Object.values(e.constraints ?? { invalid: 'is invalid' }),
  };
}
