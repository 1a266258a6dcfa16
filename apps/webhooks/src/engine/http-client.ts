import type { Agent, Dispatcher } from 'undici';
import { request } from 'undici';

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  /** The start of the body (the attempt log keeps at most this much). */
  bodyStart: string;
}

const KEEP_BODY_BYTES = 1024;
export const READ_ALL = 64 * 1024;
/** Bytes read before giving up on a body: we never need more than its start. */
const READ_LIMIT = READ_ALL;

/** One POST with a hard deadline over the whole exchange; redirects are never followed. */
export async function post(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  keepBytes = KEEP_BODY_BYTES,
): Promise<HttpAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  const res: Dispatcher.ResponseData = await request(url, {
    method: 'POST',
    headers,
    body,
    dispatcher: agent,
    signal,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return {
    statusCode: res.statusCode,
    headers: res.headers,
    bodyStart: await readStart(res.body, keepBytes),
  };
}

async function readStart(
  body: Dispatcher.ResponseData['body'],
  keepBytes: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    chunks.push(buf);
    size += buf.length;
    if (size >= READ_LIMIT) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, keepBytes).toString('utf8');
}

export function headerValue(headers: HttpAnswer['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
