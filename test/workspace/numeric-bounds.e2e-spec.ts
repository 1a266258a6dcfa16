import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataStorage } from 'class-validator';

const root = join(__dirname, '..', '..');
const NUMERIC = /@(IsInt|IsNumber)\(|QueryInteger\(/;
const SKIP = /\.(spec|int-spec|e2e-spec)\.ts$/;

/** Every TypeScript source of an app or a lib (not a test) that declares a validated number. */
function sourcesWithNumbers(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !SKIP.test(entry.name)) {
        if (NUMERIC.test(readFileSync(path, 'utf8'))) found.push(path);
      }
    }
  };
  for (const top of ['apps', 'libs']) {
    for (const project of readdirSync(join(root, top))) walk(join(root, top, project, 'src'));
  }
  return found;
}

/**
 * Item 7 of the hardening issue as a class, not one DTO: `offset=1e21` passed `@IsInt` and failed
 * in Postgres. Every validated number of every request DTO and config class must be bounded on
 * both sides (`@Min` and `@Max`), so no number reaches the database that it cannot hold.
 */
describe('every validated number is bounded', () => {
  it('has @Min and @Max wherever @IsInt or @IsNumber is', () => {
    const files = sourcesWithNumbers();
    expect(files.length).toBeGreaterThan(5);
    const unbounded: string[] = [];
    let checked = 0;
    for (const file of files) {
      const exported = require(file) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) {
        if (typeof value !== 'function') continue;
        const rules = getMetadataStorage().getTargetValidationMetadatas(value, '', true, false);
        const byProperty = new Map<string, Set<string>>();
        for (const rule of rules) {
          const names = byProperty.get(rule.propertyName) ?? new Set<string>();
          names.add(rule.name ?? '');
          byProperty.set(rule.propertyName, names);
        }
        for (const [property, names] of byProperty) {
          if (!names.has('isInt') && !names.has('isNumber')) continue;
          checked++;
          if (!names.has('min') || !names.has('max'))
            unbounded.push(`${relative(root, file)}: ${name}.${property}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(unbounded).toEqual([]);
  });
});
