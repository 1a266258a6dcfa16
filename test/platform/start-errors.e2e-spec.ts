import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@platform/persistence';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  launch,
  makeDataDir,
  platformEnv,
  removeDataDir,
} from './launcher';

/**
 * When `npm start` cannot work, it says why and what to do in one sentence, and exits 1: no
 * stack trace, no half-started platform. (A fresh clone in root's home used to end in an
 * unhandled `spawn … initdb EACCES` with its stack.)
 */
describe('npm start: failures it expects are one clear sentence', () => {
  const dataDirs: string[] = [];
  const newDataDir = (): string => {
    const dir = makeDataDir('platform-start-errors-');
    dataDirs.push(dir);
    return dir;
  };
  afterAll(() => dataDirs.forEach(removeDataDir));

  /** Runs the launcher to its end; its exit code and what it printed after the build step. */
  async function failedStart(
    dataDir: string,
    extra: NodeJS.ProcessEnv = {},
  ): Promise<{ code: number | null; lines: string[] }> {
    const { env } = await platformEnv(dataDir, extra);
    const run = launch(env);
    const code = await run.exited;
    const lines = run
      .output()
      .split('\n')
      .filter((l) => l.trim() !== '' && !/^(\[start\] )?build: /.test(l));
    return { code, lines };
  }

  /** Exactly one `[start] failed:` line, no stack frame, nothing else gone wrong. */
  function expectOneSentence(result: { code: number | null; lines: string[] }, says: RegExp): void {
    const failures = result.lines.filter((l) => l.startsWith('[start] failed: '));
    expect({ code: result.code, failures, stack: result.lines.filter(isStackLine) }).toEqual({
      code: 1,
      failures: [expect.stringMatching(says)],
      stack: [],
    });
  }

  it(
    'names a Postgres port another program holds',
    async () => {
      const port = await freePort();
      const holder: Server = createServer();
      await new Promise<void>((ok) => holder.listen(port, '127.0.0.1', ok));
      try {
        const result = await failedStart(newDataDir(), { PG_PORT: String(port) });
        expectOneSentence(
          result,
          new RegExp(`could not listen on 127\\.0\\.0\\.1:${port}.*; choose a free port$`),
        );
      } finally {
        holder.close();
      }
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS,
  );

  it(
    "names the gateway's port another program holds, and the variable that moves it",
    async () => {
      const dataDir = newDataDir();
      const { env } = await platformEnv(dataDir);
      const holder: Server = createServer();
      await new Promise<void>((ok) => holder.listen(Number(env['PORT']), '127.0.0.1', ok));
      try {
        const result = await failedStart(dataDir, { PORT: env['PORT'] });
        expectOneSentence(
          result,
          new RegExp(
            `gateway: port ${env['PORT']} on 127\\.0\\.0\\.1 is in use by another program; stop it or set PORT to a free port$`,
          ),
        );
      } finally {
        holder.close();
      }
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS,
  );

  it(
    'names a DATA_DIR whose cluster link leads nowhere, and how to start afresh',
    async () => {
      const dataDir = newDataDir();
      symlinkSync(join(dataDir, 'gone'), join(dataDir, 'postgres'));
      expectOneSentence(
        await failedStart(dataDir),
        /links to a Postgres cluster that is missing or unreadable; restore it, or remove .* to start afresh$/,
      );
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS,
  );

  it(
    'names a DATA_DIR that is a file',
    async () => {
      const parent = newDataDir();
      const file = join(parent, 'not-a-folder');
      writeFileSync(file, '');
      expectOneSentence(
        await failedStart(file),
        /DATA_DIR .*not-a-folder cannot be made a folder .*; point DATA_DIR at a folder/,
      );
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS,
  );

  it(
    'names a cluster folder that holds something else',
    async () => {
      const dataDir = newDataDir();
      mkdirSync(join(dataDir, 'postgres'));
      writeFileSync(join(dataDir, 'postgres', 'stray-file'), '');
      expectOneSentence(
        await failedStart(dataDir),
        /postgres holds something other than a Postgres cluster; move it away, or remove .* to start afresh$/,
      );
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS,
  );
});

/** A JavaScript stack frame, or Node's report of an unhandled error. */
function isStackLine(line: string): boolean {
  return /^\s+at .+[(:]/.test(line) || /Unhandled|node:internal|^\s*\^$/.test(line);
}
