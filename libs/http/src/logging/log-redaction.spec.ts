import pino from 'pino';
import { Writable } from 'node:stream';
import { redactParameters, redactUrl } from './log-redaction';
import { logSerializers } from './log-serializers';

describe('redactUrl', () => {
  it.each([
    [
      '/auth/oauth2/tokeninfo?access_token=eyJ.secret.sig',
      '/auth/oauth2/tokeninfo?access_token=[redacted]',
    ],
    [
      '/c1/users/identifiers?customerToken=ct-secret&x=1',
      '/c1/users/identifiers?customerToken=[redacted]&x=1',
    ],
    [
      '/servicelogin/sso?key=k1&continue=%2Fportal',
      '/servicelogin/sso?key=[redacted]&continue=%2Fportal',
    ],
    [
      '/cb?code=abc&state=s1#access_token=t&token_type=bearer&refresh_token=r',
      '/cb?code=[redacted]&state=s1#access_token=[redacted]&token_type=bearer&refresh_token=[redacted]',
    ],
    [
      '/x?CLIENT_SECRET=s&Password=p&id_token_hint=h',
      '/x?CLIENT_SECRET=[redacted]&Password=[redacted]&id_token_hint=[redacted]',
    ],
    ['/x?access%5Ftoken=t', '/x?access%5Ftoken=[redacted]'],
    [
      '/x?customer_token=a&token=b&code_verifier=c',
      '/x?customer_token=[redacted]&token=[redacted]&code_verifier=[redacted]',
    ],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('leaves URLs without secrets as they are', () => {
    for (const url of [
      '/usuarios/v0.1/api/usuarios?offset=1&filter=id%3D%27a%27',
      '/health/ready',
      '/a?b',
      '/a?=x&&y=',
    ]) {
      expect(redactUrl(url)).toBe(url);
    }
  });
});

describe('redactParameters', () => {
  it('replaces secret values in a parsed query, keeps the rest', () => {
    expect(redactParameters({ access_token: 't', customerToken: ['a', 'b'], offset: '1' })).toEqual(
      {
        access_token: '[redacted]',
        customerToken: '[redacted]',
        offset: '1',
      },
    );
    expect(redactParameters(undefined)).toBeUndefined();
  });
});

describe('logSerializers with pino', () => {
  function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ serializers: logSerializers }, sink);
    return {
      logger,
      lines: () =>
        chunks
          .join('')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>),
    };
  }

  it('keeps secrets out of the request, the redirect and a database error', () => {
    const { logger, lines } = capture();
    logger.info({
      req: {
        method: 'GET',
        url: '/auth/oauth2/tokeninfo?access_token=tok-123',
        query: { access_token: 'tok-123' },
        headers: { referer: 'https://app.example/cb?code=code-456', host: 'h' },
      },
      res: {
        statusCode: 302,
        headers: { location: 'https://app.example/cb#access_token=tok-789&state=s' },
      },
    });
    const failed = Object.assign(new Error('duplicate key'), {
      query: 'INSERT INTO t VALUES ($1)',
      parameters: ['secret-param'],
      driverError: Object.assign(new Error('duplicate key'), { code: '23505' }),
    });
    logger.error({ err: failed }, 'unhandled error');
    const text = JSON.stringify(lines());
    for (const secret of ['tok-123', 'code-456', 'tok-789', 'secret-param']) {
      expect(text).not.toContain(secret);
    }
    const [request, error] = lines();
    expect(request).toMatchObject({
      req: {
        url: '/auth/oauth2/tokeninfo?access_token=[redacted]',
        query: { access_token: '[redacted]' },
        headers: { referer: 'https://app.example/cb?code=[redacted]', host: 'h' },
      },
      res: { headers: { location: 'https://app.example/cb#access_token=[redacted]&state=s' } },
    });
    expect(error).toMatchObject({
      err: {
        message: 'duplicate key',
        query: 'INSERT INTO t VALUES ($1)',
        driverError: { code: '23505' },
      },
    });
  });
});
