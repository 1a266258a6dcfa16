import { logSerializers } from '@platform/http';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Params } from 'nestjs-pino';
import { RequestLog } from './request-log';

function exchange(url: string, headers: Record<string, string>, status: number) {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = url;
  req.headers = headers;
  const res = new ServerResponse(req);
  res.writeHead(status).end();
  return { req, res };
}

function logOf(level: string): { log: RequestLog; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const params: Params = {
    pinoHttp: {
      level,
      base: { service: 'gateway' },
      serializers: logSerializers,
      redact: { paths: ['req.headers.authorization'], censor: '[redacted]' },
    },
  };
  const destination = { write: (line: string) => lines.push(JSON.parse(line)) };
  return { log: new RequestLog(params, destination), lines };
}

describe('the proxy entry request log', () => {
  it('writes one line with the request id, route, status and duration, credentials redacted', () => {
    const { log, lines } = logOf('info');
    const { req, res } = exchange(
      '/usuarios/v0.1/api/usuarios?access_token=secret-in-url',
      { authorization: 'Bearer caller-token', 'x-request-id': 'rid-1' },
      200,
    );
    log.answered(req, res, 'rid-1', 'proxy:users', 0.0123);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      service: 'gateway',
      requestId: 'rid-1',
      route: 'proxy:users',
      responseTime: 12,
      res: { statusCode: 200 },
      req: { method: 'GET', headers: { authorization: '[redacted]' } },
    });
    expect(JSON.stringify(lines[0])).not.toContain('caller-token');
    expect(JSON.stringify(lines[0])).not.toContain('secret-in-url');
  });

  it('logs answers of 500 and above as errors, and writes nothing below its level', () => {
    const { log, lines } = logOf('error');
    const ok = exchange('/x', {}, 200);
    log.answered(ok.req, ok.res, 'rid-2', 'proxy:users', 0.001);
    expect(lines).toHaveLength(0);
    const failed = exchange('/x', {}, 502);
    log.answered(failed.req, failed.res, 'rid-3', 'proxy:users', 0.001);
    expect(lines).toEqual([expect.objectContaining({ level: 50, requestId: 'rid-3' })]);
  });
});
