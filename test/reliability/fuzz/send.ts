import { request } from 'node:http';

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type Outcome =
  | { kind: 'answered'; status: number; contentType: string; ms: number; body: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'connection-error'; message: string; ms: number }
  /** Node itself refused to send it (a header or path no HTTP client can put on the wire). */
  | { kind: 'unsendable'; message: string };

const UNSENDABLE = new Set([
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_UNESCAPED_CHARACTERS',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_INVALID_ARG_VALUE',
]);

/**
 * Sends `req` exactly as given (no URL normalisation, unlike fetch) and reads the whole answer
 * within `timeoutMs`. An event stream counts as answered once its headers arrive.
 */
export function send(
  base: URL,
  req: RawRequest,
  timeoutMs: number,
  localAddress?: string,
): Promise<Outcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let client: ReturnType<typeof request> | undefined;
    const timer = setTimeout(() => {
      client?.destroy();
      done({ kind: 'timeout', ms: elapsed() });
    }, timeoutMs);
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    try {
      client = request({
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers:
          req.body === undefined
            ? req.headers
            : { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        agent: false,
        localAddress,
      });
    } catch (e) {
      return done({ kind: 'unsendable', message: (e as Error).message });
    }
    client.on('response', (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      if (contentType.startsWith('text/event-stream')) {
        res.destroy();
        return done({
          kind: 'answered',
          status: res.statusCode ?? 0,
          contentType,
          ms: elapsed(),
          body: '',
        });
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({
          kind: 'answered',
          status: res.statusCode ?? 0,
          contentType,
          ms: elapsed(),
          body: Buffer.concat(chunks).toString('utf8').slice(0, 2_000),
        }),
      );
      res.on('error', (e) => done({ kind: 'connection-error', message: e.message, ms: elapsed() }));
    });
    client.on('error', (e: NodeJS.ErrnoException) =>
      done(
        UNSENDABLE.has(e.code ?? '')
          ? { kind: 'unsendable', message: e.message }
          : { kind: 'connection-error', message: e.message, ms: elapsed() },
      ),
    );
    try {
      client.end(req.body);
    } catch (e) {
      client.destroy();
      done({ kind: 'unsendable', message: (e as Error).message });
    }
  });
}
