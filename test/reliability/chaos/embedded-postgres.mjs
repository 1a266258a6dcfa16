// The embedded Postgres (libs/persistence, compiled) as a child process of the chaos suite: jest
// cannot load its ESM-only binaries package in-process. Prints `ready <adminUrl>`, stops the
// server on SIGTERM. argv: dataDir port password.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require(
  join(
    import.meta.dirname,
    '..',
    '..',
    '..',
    'dist',
    'out',
    'libs',
    'persistence',
    'src',
    'index.js',
  ),
);
const [dataDir, port, password] = process.argv.slice(2);
const pg = await startEmbeddedPostgres(dataDir, { port: Number(port), password });
process.stdout.write(`ready ${pg.adminUrl}\n`);
const stop = () =>
  pg.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
setInterval(() => undefined, 1 << 30);
