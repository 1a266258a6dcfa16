import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';

const root = join(__dirname, '..', '..');
const ENV_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** Every environment variable an app validates at boot: the upper-case validated properties of the config classes. */
function validatedVariables(): Map<string, string> {
  const found = new Map<string, string>();
  const storage = getMetadataStorage();
  const modules = [
    ...readdirSync(join(root, 'apps')).map((app) => join(root, 'apps', app, 'src', 'config.ts')),
    join(root, 'libs', 'config', 'src', 'service-env.ts'),
  ];
  for (const file of modules) {
    const exported = require(file) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (typeof value !== 'function') continue;
      for (const m of storage.getTargetValidationMetadatas(value, '', true, false))
        if (ENV_NAME.test(m.propertyName)) found.set(m.propertyName, file.slice(root.length + 1));
    }
  }
  return found;
}

/** The names in the first column of the README's configuration table. */
function documentedVariables(): Set<string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'));
  const table = section.slice(0, section.indexOf('\n## ', 1));
  const names = new Set<string>();
  for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
    const firstCell = row.split('|')[1] ?? '';
    for (const [, name] of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(name!);
  }
  return names;
}

describe("the README's configuration table", () => {
  it('names every variable an app validates at boot, so an operator can find each one', () => {
    const validated = validatedVariables();
    expect(validated.size).toBeGreaterThan(40);
    const documented = documentedVariables();
    const missing = [...validated]
      .filter(([name]) => !documented.has(name))
      .map(([n, f]) => `${n} (${f})`);
    expect(missing).toEqual([]);
  });
});
