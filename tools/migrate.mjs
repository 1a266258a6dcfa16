#!/usr/bin/env node
// `npm run migrate [app…]`: applies each named service's pending migrations (default: every
// service in dist) as a deployment step, so a team can migrate before rolling out and boot the
// app with MIGRATIONS_RUN=false. Each app's database is <APP>_DATABASE_URL (e.g.
// USERS_DATABASE_URL), or DATABASE_URL when one app is named (as inside that app's image).
// The list of migrations is the app's own (apps/<app>/src/schema.ts), the one its boot applies.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'out');
const require = createRequire(import.meta.url);
const log = (line) => process.stdout.write(`[migrate] ${line}\n`);

/** Apps with a database: those whose build has a schema. */
function servicesInDist() {
  const apps = join(out, 'apps');
  if (!existsSync(apps)) return [];
  return readdirSync(apps).filter((app) => existsSync(join(apps, app, 'src', 'schema.js')));
}

/** In a checkout, builds dist when a source is newer; an image has dist only and skips this. */
async function buildIfNeeded() {
  if (!existsSync(join(root, 'apps')) || !existsSync(join(root, 'tools', 'launcher'))) return;
  const { ensureBuilt } = await import('./launcher/build.mjs');
  const apps = readdirSync(join(root, 'apps')).filter((app) =>
    existsSync(join(root, 'apps', app, 'src', 'main.ts')),
  );
  ensureBuilt(root, apps, log);
}

function databaseUrl(app, count, env) {
  const own = `${app.toUpperCase()}_DATABASE_URL`;
  const url = env[own] || (count === 1 ? env.DATABASE_URL : undefined);
  if (!url) {
    const either = count === 1 ? `${own} or DATABASE_URL` : own;
    throw new Error(`no database for ${app}: set ${either}`);
  }
  return url;
}

async function main(args, env) {
  await buildIfNeeded();
  const known = servicesInDist();
  const apps = args.length > 0 ? args : known;
  const unknown = apps.filter((app) => !known.includes(app));
  if (unknown.length > 0) {
    throw new Error(`no migrations for ${unknown.join(', ')} (services: ${known.join(', ')})`);
  }
  if (apps.length === 0) log('nothing to migrate: no service with a database in this build');
  const urls = apps.map((app) => databaseUrl(app, apps.length, env));
  const { migrateDatabase } = require(join(out, 'libs', 'persistence', 'src', 'index.js'));
  for (const [i, app] of apps.entries()) {
    const { schemaMigrations } = require(join(out, 'apps', app, 'src', 'schema.js'));
    const started = Date.now();
    const { pending, applied } = await migrateDatabase(urls[i], app, schemaMigrations).catch(
      (e) => {
        throw new Error(`${app}: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (pending.length === 0) log(`${app}: up to date`);
    else log(`${app}: applied ${applied.length} in ${seconds} s ${JSON.stringify(applied)}`);
    if (applied.length < pending.length)
      log(`${app}: the others were applied meanwhile by an instance`);
  }
}

main(process.argv.slice(2), process.env).catch((e) => {
  process.stderr.write(`[migrate] failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
