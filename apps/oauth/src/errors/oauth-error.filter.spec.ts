import type { ArgumentsHost } from '@nestjs/common';
import { OAuthErrorFilter } from './oauth-error.filter';

/** A reply that records what the filter sends. */
function hostRecording(): {
  host: ArgumentsHost;
  sent: { status?: number; headers: Record<string, string>; body?: unknown };
} {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = {
    headers: {},
  };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('OAuthErrorFilter', () => {
  it('answers 503 temporarily_unavailable with Retry-After when the database is out of reach (found by test:chaos)', () => {
    const { host, sent } = hostRecording();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    new OAuthErrorFilter().catch(
      Object.assign(new Error('query failed'), { driverError: refused }),
      host,
    );
    expect(sent).toMatchObject({
      status: 503,
      headers: { 'retry-after': '2', 'cache-control': 'no-store' },
      body: { error: 'temporarily_unavailable' },
    });
  });

  it('keeps a defect a 500 server_error', () => {
    const { host, sent } = hostRecording();
    new OAuthErrorFilter().catch(new TypeError('x is undefined'), host);
    expect(sent).toMatchObject({ status: 500, body: { error: 'server_error' } });
  });
});
