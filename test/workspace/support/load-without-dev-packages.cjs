// Loads the built apps as their Docker image would: any module that resolves into a package
// outside the production install (`npm ls --omit=dev`) fails as if it were not installed, and is
// reported. Loads every app's entry module and schema, then boots `users` (NODE_ENV=production)
// against DATABASE_URL and asks /health/live, so requires made lazily at boot are covered too.
// Prints one JSON line: { denied: [{ request, from }], booted }; a denied require from a package's
// own code is an optional one it handles (debug asks for supports-color), as in the image.
// Exit 1 when the boot failed or the platform's own code asked for a dev-only package.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const Module = require('node:module');
const { join, sep } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const NM = `${sep}node_modules${sep}`;
const production = new Set(
  execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root })
    .toString()
    .trim()
    .split('\n'),
);

/** `/…/node_modules/@scope/name` or `/…/node_modules/name` of a resolved file. */
function packageDir(file) {
  const at = file.lastIndexOf(NM) + NM.length;
  const parts = file.slice(at).split(sep);
  return file.slice(0, at) + parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join(sep);
}

const denied = [];
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const file = resolve.call(this, request, parent, ...rest);
  if (file.includes(NM) && !production.has(packageDir(file))) {
    denied.push({ request, from: parent && parent.filename });
    const error = new Error(`Cannot find module '${request}' (not in the production install)`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return file;
};

async function main() {
  const apps = readdirSync(join(root, 'dist', 'apps'));
  for (const app of apps) {
    require(join(root, 'dist', 'apps', app, 'bootstrap.js'));
    const schema = join(root, 'dist', 'out', 'apps', app, 'src', 'schema.js');
    if (existsSync(schema)) require(schema);
  }
  const { createApp } = require(join(root, 'dist', 'apps', 'users', 'bootstrap.js'));
  const { InProcessBus } = require(
    join(root, 'dist', 'out', 'libs', 'messaging', 'src', 'index.js'),
  );
  const env = { ...process.env, NODE_ENV: 'production', PORT: '0' };
  const app = await createApp({ env, bus: new InProcessBus() });
  await app.listen(0, '127.0.0.1');
  const live = await fetch(`${await app.getUrl()}/health/live`);
  await app.close();
  return live.ok;
}

main().then(
  (booted) => {
    process.stdout.write(`${JSON.stringify({ denied, booted })}\n`);
    const ours = denied.filter((d) => !String(d.from).includes(NM));
    process.exit(booted && ours.length === 0 ? 0 : 1);
  },
  (e) => {
    process.stdout.write(
      `${JSON.stringify({ denied, booted: false, error: String(e && e.stack) })}\n`,
    );
    process.exit(1);
  },
);
