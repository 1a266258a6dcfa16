// Boots the whole platform in this process: embedded Postgres, one database per service, the
// in-process bus, every service on its own port and the gateway in front (spec §1 "Running it").
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSecrets } from './secrets.mjs';
import { GATEWAY, SERVICES, gatewayEnv, portsFrom, serviceEnv, serviceUrls } from './services.mjs';

const require = createRequire(import.meta.url);

const importDist = (root, path) => import(pathToFileURL(join(root, 'dist', 'out', path)).href);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Stops what `stops` holds, last started first, emptying it (so a second call stops nothing). */
export function stopper(stops, log) {
  return async () => {
    while (stops.length > 0)
      await stops
        .pop()()
        .catch((e) => log(`stop: ${e.message}`));
  };
}

/**
 * Starts everything and resolves to a handle whose close() stops it in reverse order. Anything
 * that fails while booting stops what was already started before the error is rethrown. What is
 * started goes into `stops` as it starts, so stopper(stops) can stop a boot halfway.
 */
export async function startPlatform({ root, env, dataDir, log, stops = [] }) {
  const started = Date.now();
  const ports = portsFrom(env);
  const { startEmbeddedPostgres, ensureDatabase } = await importDist(
    root,
    'libs/persistence/src/index.js',
  );
  const { generateAssertionKeys } = await importDist(root, 'libs/auth/src/index.js');
  const { InProcessBus } = await importDist(root, 'libs/messaging/src/index.js');
  const secrets = loadSecrets(dataDir, env, generateAssertionKeys);
  const stopAll = stopper(stops, log);
  try {
    log('postgres: starting the embedded server');
    const pg = await startEmbeddedPostgres(dataDir, {
      port: env.PG_PORT ? Number(env.PG_PORT) : undefined,
      password: secrets.postgresPassword,
      // Its own notices (e.g. a server a crashed run left behind was stopped), not the server's.
      log: (line) => line.startsWith('postgres: ') && log(line),
    });
    stops.push(() => pg.stop().then(() => log('postgres: stopped')));
    const runAs = pg.user === userInfo().username ? '' : ` as user ${pg.user}`;
    log(
      `postgres: ready on 127.0.0.1:${pg.port}${runAs}, data in ${pg.clusterDir} (${seconds(started)})`,
    );

    // KAFKA_BROKERS set means a real broker; absent means the in-process bus (spec §1).
    const bus = env.KAFKA_BROKERS ? undefined : new InProcessBus();
    log(bus ? 'events: in-process bus' : `events: Kafka at ${env.KAFKA_BROKERS}`);
    const publicUrl = (env.PUBLIC_URL || `http://localhost:${ports.gateway}`).replace(/\/+$/, '');
    const shared = { base: { ...env }, secrets, publicUrl, urls: serviceUrls(ports) };
    const boot = { root, bus, stops, log, started };

    await Promise.all(
      SERVICES.map(async (service) => {
        const databaseUrl = await ensureDatabase(pg.adminUrl, service.name);
        const port = ports[service.name];
        await bootApp(
          boot,
          service.name,
          serviceEnv(service, { ...shared, port, databaseUrl }),
          port,
          '127.0.0.1',
        );
      }),
    );
    const host = env.HOST || '127.0.0.1';
    // The gateway's own database: the outbox of its refusals (ADR 0013).
    const gatewayDatabaseUrl = await ensureDatabase(pg.adminUrl, GATEWAY.name);
    await bootApp(
      boot,
      GATEWAY.name,
      gatewayEnv({ ...shared, port: ports.gateway, databaseUrl: gatewayDatabaseUrl }),
      ports.gateway,
      host,
    );
    await bus?.start();
    return {
      gatewayUrl: `http://${host.includes(':') ? `[${host}]` : host}:${ports.gateway}`,
      publicUrl,
      bootSeconds: (Date.now() - started) / 1000,
      credentials: secrets.issued(),
      close: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/**
 * Builds one app with its bootstrap's createApp({ env, bus }) (un-listened), registers its
 * close, and listens. Errors name the app.
 */
async function bootApp({ root, bus, stops, log, started }, name, env, port, host) {
  const { createApp } = require(join(root, 'dist', 'apps', name, 'bootstrap.js'));
  try {
    const app = await createApp({ env, bus });
    stops.push(() => app.close());
    await app.listen({ port, host });
  } catch (e) {
    if (e?.code === 'EADDRINUSE') {
      const variable = name === GATEWAY.name ? 'PORT' : `${name.toUpperCase()}_PORT`;
      throw new Error(
        `${name}: port ${port} on ${host} is in use by another program; stop it or set ${variable} to a free port`,
        { cause: e },
      );
    }
    throw new Error(`${name}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  log(`${name}: listening on http://${host}:${port} (${seconds(started)})`);
}
