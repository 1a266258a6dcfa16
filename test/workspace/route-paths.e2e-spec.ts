import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * docs/architecture.md, "How a service is laid out", convention 1: a controller names its
 * service's API prefix once and each handler the rest of the path, so a grep of a URL's path
 * from its resource on lands on the handler. Every service (issue 17). `003_*`'s two URLs at
 * the root (`POST /auth`, `POST /{customerId}/users/identifiers`) have no prefix: their
 * controllers say `@Controller()`. The gateway's own routes (its docs) have no API prefix: ''.
 */
const SERVICES = [
  'users',
  'licensing',
  'authorizations',
  'notifications',
  'audit',
  'portal',
  'oauth',
  'webhooks',
  'gateway',
];
const ROOT_CONTROLLERS = [
  'apps/oauth/src/tokens/legacy-auth.controller.ts',
  'apps/oauth/src/customers/customers.controller.ts',
];
const PREFIXES = [
  'usuarios/v0.1/api',
  'licenses/v0.1/api',
  'licenses/dados/v0.1/api',
  'user-accounts/v0.1/api',
  'notifications/api',
  'audit/v1',
  'portal/api',
  'internal/v1',
  'auth/oauth2',
  '.well-known',
  'servicelogin',
  'api/v1',
  '',
];

function controllers(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'web' ? [] : controllers(path);
    return name.endsWith('.controller.ts') ? [path] : [];
  });
}

const files = SERVICES.flatMap((s) => controllers(join(root, 'apps', s, 'src')));

describe('routes are found by their URL', () => {
  it('finds the controllers', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [relative(root, f)]))('%s names only an API prefix', (file) => {
    const source = readFileSync(join(root, file), 'utf8');
    const bases = [...source.matchAll(/@Controller\(\s*'([^']*)'\s*\)/g)].map((m) => m[1]);
    const roots = source.match(/@Controller\(\)/g)?.length ?? 0;
    expect(roots).toBe(ROOT_CONTROLLERS.includes(file) ? 1 : 0);
    expect(bases.length + roots).toBeGreaterThan(0);
    for (const base of bases) expect(PREFIXES).toContain(base);
  });

  it.each([
    ['licensing/validate', 'apps/licensing/src/licensing/licenses.controller.ts'],
    ['messages/:id/read', 'apps/notifications/src/messages/messages.controller.ts'],
    ['usuarios/:id/photo', 'apps/users/src/usuarios/photo/photos.controller.ts'],
    ['management/access/:id', 'apps/authorizations/src/accesses/accesses.controller.ts'],
    ['clients/:id/secret', 'apps/oauth/src/clients/clients.controller.ts'],
    ['context/clients/:id/checks/token', 'apps/oauth/src/homologation/client-checks.controller.ts'],
    ['webhooks/:id/deliveries/replay', 'apps/webhooks/src/deliveries/deliveries.controller.ts'],
    ['docs/problems/:kind', 'apps/gateway/src/docs/docs.controller.ts'],
  ])('a grep of %s lands on its handler', (path, file) => {
    const hits = files.filter((f) => readFileSync(f, 'utf8').includes(`'${path}'`));
    expect(hits.map((f) => relative(root, f))).toEqual([file]);
  });
});
