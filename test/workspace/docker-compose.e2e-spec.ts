import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig, type ConfigClass } from '@platform/config';
import { AuditEnv } from '../../apps/audit/src/config';
import { AuthorizationsEnv } from '../../apps/authorizations/src/config';
import { GatewayEnv } from '../../apps/gateway/src/config';
import { LicensingEnv } from '../../apps/licensing/src/config';
import { NotificationsEnv } from '../../apps/notifications/src/config';
import { OauthEnv } from '../../apps/oauth/src/config';
import { PortalEnv } from '../../apps/portal/src/config';
import { UsersEnv } from '../../apps/users/src/config';
import { WebhooksEnv } from '../../apps/webhooks/src/config';
import {
  APPS,
  composeFile,
  dockerStages,
  generatedDotEnv,
  root,
  serviceEnvironment,
} from './support/deployment-files';

const run = promisify(execFile);

/** The classes each app validates its environment with at boot (loadConfig). */
const CONFIGS: Record<string, ConfigClass<object>[]> = {
  gateway: [GatewayEnv],
  oauth: [OauthEnv],
  authorizations: [AuthorizationsEnv],
  licensing: [LicensingEnv],
  users: [UsersEnv],
  notifications: [NotificationsEnv],
  webhooks: [WebhooksEnv],
  audit: [AuditEnv],
  portal: [PortalEnv],
};
/** Checked outside the config classes, when NODE_ENV=production (as in the images). */
const REQUIRED_IN_PRODUCTION: Record<string, string[]> = {
  oauth: ['OAUTH_KEY_ENCRYPTION_KEY'], // apps/oauth/src/keys/key-box.ts
  webhooks: ['WEBHOOKS_ENCRYPTION_KEY'], // apps/webhooks/src/shared/secret-box.provider.ts
};
/** What the Dockerfile's runtime stage sets for every app. */
const IMAGE_ENV = { NODE_ENV: 'production', HOST: '0.0.0.0' };

const { services } = composeFile();
const dotEnv = generatedDotEnv();
const env = (app: string): Record<string, string> => ({
  ...IMAGE_ENV,
  ...serviceEnvironment(services[app] ?? {}, dotEnv),
});
const withDatabase = APPS.filter((app) => env(app)['DATABASE_URL'] !== undefined);

describe('docker-compose.yml', () => {
  it('builds every app from the one Dockerfile, by its APP build argument', () => {
    expect(Object.keys(CONFIGS).sort()).toEqual([...APPS].sort());
    for (const app of APPS) {
      expect({ app, build: services[app]?.build }).toEqual({
        app,
        build: { context: '.', args: { APP: app } },
      });
    }
  });

  it('gives every app each variable its configuration requires in production', () => {
    for (const app of APPS) {
      for (const cls of CONFIGS[app] ?? []) expect(() => loadConfig(cls, env(app))).not.toThrow();
      for (const variable of REQUIRED_IN_PRODUCTION[app] ?? []) {
        expect({ app, [variable]: env(app)[variable] }).toEqual({
          app,
          [variable]: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) as string,
        });
      }
    }
  });

  it('connects each service as its own role, owner of its own database, never postgres', () => {
    expect(withDatabase.length).toBe(APPS.length); // the gateway's holds its outbox
    const postgres = serviceEnvironment(services['postgres'] ?? {}, dotEnv);
    for (const app of withDatabase) {
      const url = new URL(env(app)['DATABASE_URL'] ?? '');
      const passwordVar = `${app.toUpperCase()}_DB_PASSWORD`;
      expect({ user: url.username, database: url.pathname, host: url.hostname }).toEqual({
        user: app,
        database: `/${app}`,
        host: 'postgres',
      });
      expect(url.password).toBe(dotEnv[passwordVar]);
      // The init script creates the role from the same variable.
      expect(postgres[passwordVar]).toBe(dotEnv[passwordVar]);
    }
    const init = readFileSync(join(root, 'tools', 'compose', 'postgres-init.sh'), 'utf8');
    expect(init).toContain('_DB_PASSWORD');
  });

  it('gives the assertion signing key only to the gateway and oauth', () => {
    const holders = APPS.filter((app) => env(app)['ASSERTION_PRIVATE_KEY'] !== undefined);
    expect(holders.sort()).toEqual(['gateway', 'oauth']);
  });

  it('shares the rate-limit counters of every gateway instance through its Redis', () => {
    const redis = services['redis'];
    expect(redis?.image).toMatch(/^redis:/);
    expect(redis?.healthcheck).toBeDefined();
    const url = new URL(env('gateway')['REDIS_URL'] ?? '');
    expect({ host: url.hostname, password: url.password }).toEqual({
      host: 'redis',
      password: dotEnv['REDIS_PASSWORD'],
    });
    expect(redis?.command).toEqual(expect.arrayContaining(['--requirepass']));
    expect(services['gateway']?.depends_on?.['redis']).toEqual({ condition: 'service_healthy' });
  });

  it('health-checks every service: the backends in the file, the apps in their image', () => {
    const { stages } = dockerStages();
    const runtime = stages[stages.length - 1];
    expect(runtime?.instructions.some((i) => i.op === 'HEALTHCHECK')).toBe(true);
    for (const [name, service] of Object.entries(services)) {
      if (!APPS.includes(name))
        expect({ name, healthcheck: service.healthcheck?.test }).toEqual({
          name,
          healthcheck: expect.anything() as unknown,
        });
    }
  });

  it("knows each app's default port in the image health check", () => {
    const script = readFileSync(join(root, 'tools', 'healthcheck.mjs'), 'utf8');
    for (const app of APPS) {
      const port = new (CONFIGS[app]?.[0] as new () => { PORT: number })().PORT;
      expect(script).toMatch(new RegExp(`\\b${app}: ${port},`));
    }
  });

  const compose = spawnSync('docker', ['compose', 'version']).status === 0;
  (compose ? it : it.skip)(
    `passes docker compose config${compose ? '' : ' [skipped: no docker compose on this machine]'}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'compose-'));
      try {
        const file = join(dir, '.env');
        const keys = await run(process.execPath, ['tools/gen-keys.mjs'], { cwd: root });
        writeFileSync(file, keys.stdout);
        await run('docker', ['compose', '--env-file', file, 'config', '--quiet'], { cwd: root });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
