import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  HttpCode,
  Module,
  Param,
  Post,
  Query,
  Req,
  UseFilters,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConfigModule, ServiceEnv } from '@platform/config';
import { HttpCommonModule } from './http-common.module';
import { ListQuery } from './list/list-query.dto';
import { toProblem } from './problem/problem.filter';
import { createServiceApp } from './service-app';

/*
 * The conventions createServiceApp gives every service, on a probe app driven in-process
 * (Fastify's inject): hostile numbers, NUL bytes, lone surrogates, bad encodings and deep JSON are
 * a 400 naming the field, never a 5xx; X-Forwarded-For counts only from a trusted proxy.
 */

const KEY = '-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----';

@Controller('probe')
class ProbeController {
  @Get('list')
  list(@Query() query: ListQuery): ListQuery {
    return query;
  }

  @Get('items/:id')
  item(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Post('json')
  @HttpCode(200)
  json(@Body() body: unknown): unknown {
    return body ?? null;
  }

  @Get('once')
  once(@Query('key') key: string | undefined): { key: string | null } {
    return { key: key ?? null };
  }

  @Get('ip')
  ip(@Req() req: FastifyRequest): { ip: string; protocol: string } {
    return { ip: req.ip, protocol: req.protocol };
  }
}

/** Like oauth's RFC 6749 filter: the route's own filter must render the input refusal. */
@Catch()
class OAuthStyleFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(exception);
    void reply
      .status(problem.status)
      .send({ error: 'invalid_request', error_description: problem.detail });
  }
}

@Controller('oauth-like')
@UseFilters(OAuthStyleFilter)
class FormController {
  @Post('token')
  @HttpCode(200)
  token(@Req() req: FastifyRequest): unknown {
    return req.body;
  }
}

async function probeApp(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const config = ConfigModule.forRoot('probe', ServiceEnv, {
    PORT: '0',
    DATABASE_URL: 'postgres://h/d',
    ASSERTION_PUBLIC_KEY: KEY,
    LOG_LEVEL: 'silent',
    ...env,
  });
  @Module({ imports: [config, HttpCommonModule], controllers: [ProbeController, FormController] })
  class ProbeModule {}
  const app = await createServiceApp(ProbeModule);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

interface Problem {
  status: number;
  detail?: string;
  errors?: { field: string; messages: string[] }[];
}

describe('createServiceApp: hostile input', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await probeApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  async function call(
    method: 'GET' | 'POST',
    url: string,
    body?: { type: string; payload: string | Buffer },
  ): Promise<{ status: number; type: string; json: Problem & Record<string, unknown> }> {
    const res = await app.inject({
      method,
      url,
      headers: body ? { 'content-type': body.type } : {},
      payload: body?.payload,
    });
    return {
      status: res.statusCode,
      type: String(res.headers['content-type']),
      json: JSON.parse(res.body || 'null') as Problem & Record<string, unknown>,
    };
  }

  const fields = (p: Problem): string[] => (p.errors ?? []).map((e) => e.field);
  const json = (payload: string | Buffer) => ({ type: 'application/json', payload });
  const form = (payload: string) => ({ type: 'application/x-www-form-urlencoded', payload });

  it.each([
    ['offset=1e21', 'offset'],
    ['offset=9223372036854775807', 'offset'],
    ['offset=2147483648', 'offset'],
    ['limit=1e400', 'limit'],
    ['offset=0x10', 'offset'],
    ['offset=', 'offset'],
    ['offset=Infinity', 'offset'],
    ['offset=1&offset=2', 'offset'],
  ])('refuses %s naming the parameter', async (query, field) => {
    const res = await call('GET', `/probe/list?${query}`);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(fields(res.json)).toContain(field);
  });

  it('takes plain decimal bounds, and -0 as 0', async () => {
    expect((await call('GET', '/probe/list?offset=2147483647&limit=100')).json).toMatchObject({
      offset: 2147483647,
      limit: 100,
    });
    const zero = await call('GET', '/probe/list?offset=-0');
    expect(zero.status).toBe(200);
    expect(Object.is(zero.json['offset'], 0)).toBe(true);
  });

  it('refuses a NUL byte in a query parameter, a path parameter and a JSON body (keys too, deeply)', async () => {
    const query = await call('GET', '/probe/list?filter=a%00b');
    expect(query.status).toBe(400);
    expect(fields(query.json)).toEqual(['filter']);
    expect(query.json.detail).toMatch(/query parameter filter must not contain NUL/);

    const path = await call('GET', '/probe/items/a%00b');
    expect(path.status).toBe(400);
    expect(fields(path.json)).toEqual(['id']);

    const body = await call(
      'POST',
      '/probe/json',
      json('{"name":"a\\u0000b","items":[{"ok":"x"},{"note":"\\u0000"}],"meta":{"k\\u0000":1}}'),
    );
    expect(body.status).toBe(400);
    expect(fields(body.json).sort()).toEqual(['items.1.note', 'meta.k\\u0000', 'name']);
  });

  it('refuses a lone surrogate (Postgres would store U+FFFD instead)', async () => {
    const res = await call('POST', '/probe/json', json('{"nome":"a\\ud800b"}'));
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { field: 'nome', messages: [expect.stringContaining('well-formed Unicode')] },
    ]);
    const pair = await call('POST', '/probe/json', json('{"nome":"\\ud83d\\ude00"}'));
    expect(pair.status).toBe(200);
  });

  it('refuses a form field with NUL or a bad escape through the route’s own filter', async () => {
    const nul = await call('POST', '/oauth-like/token', form('grant_type=x&client_id=a%00b'));
    expect(nul.status).toBe(400);
    expect(nul.json).toEqual({
      error: 'invalid_request',
      error_description: expect.stringContaining('client_id must not contain NUL'),
    });
    const escape = await call('POST', '/oauth-like/token', form('client_id=%FF&scope=a'));
    expect(escape.status).toBe(400);
    expect(escape.json['error_description']).toContain('client_id is not valid percent-encoded');
    const ok = await call('POST', '/oauth-like/token', form('a=1&a=2&b=x+y%21'));
    expect(ok.json).toEqual({ a: ['1', '2'], b: 'x y!' });
  });

  it('refuses query parameters that are not percent-encoded UTF-8', async () => {
    for (const bad of ['filter=%FF', 'filter=%ED%A0%80', 'filter=%ZZ']) {
      const res = await call('GET', `/probe/list?${bad}`);
      expect(res.status).toBe(400);
      expect(fields(res.json)).toContain('filter');
    }
  });

  it('refuses a JSON body that is not UTF-8 or nests too deeply, as problem+json', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"a":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const notUtf8 = await call('POST', '/probe/json', json(bytes));
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.json.detail).toMatch(/not valid UTF-8/);
    const deep = await call('POST', '/probe/json', json('['.repeat(100_000) + ']'.repeat(100_000)));
    expect(deep.status).toBe(400);
    expect(deep.json.detail).toMatch(/nests deeper than 64/);
    expect((await call('POST', '/probe/json', json('[[[1]]]'))).json).toEqual([[[1]]]);
  });

  it('refuses a repeated query parameter that a handler takes as one value', async () => {
    const twice = await call('GET', '/probe/once?key=a&key=b');
    expect(twice.status).toBe(400);
    expect(twice.json.errors).toEqual([
      { field: 'key', messages: ['query parameter key must be given once'] },
    ]);
    expect((await call('GET', '/probe/once?key=a')).json).toEqual({ key: 'a' });
  });

  it('answers a path that is not valid percent-encoding, or too long, as problem+json', async () => {
    const bad = await call('GET', '/probe/items/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    const long = await call('GET', `/probe/items/${'a'.repeat(5000)}`);
    expect(long.status).toBe(414);
    expect(long.type).toContain('application/problem+json');
  });
});

describe('createServiceApp: client addresses (TRUSTED_PROXIES)', () => {
  const ipOf = async (
    app: NestFastifyApplication,
    remoteAddress: string,
  ): Promise<{ ip: string; protocol: string }> => {
    const res = await app.inject({
      method: 'GET',
      url: '/probe/ip',
      remoteAddress,
      headers: { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https' },
    });
    return res.json<{ ip: string; protocol: string }>();
  };

  it('believes X-Forwarded-For from loopback by default, and from nobody else', async () => {
    const app = await probeApp();
    try {
      expect(await ipOf(app, '127.0.0.1')).toEqual({ ip: '6.6.6.6', protocol: 'https' });
      expect(await ipOf(app, '203.0.113.9')).toEqual({ ip: '203.0.113.9', protocol: 'http' });
    } finally {
      await app.close();
    }
  });

  it('believes only the configured proxies', async () => {
    const app = await probeApp({ TRUSTED_PROXIES: '10.0.0.7, 10.1.0.0/16' });
    try {
      expect((await ipOf(app, '127.0.0.1')).ip).toBe('127.0.0.1');
      expect((await ipOf(app, '10.0.0.7')).ip).toBe('6.6.6.6');
      expect((await ipOf(app, '10.1.2.3')).ip).toBe('6.6.6.6');
    } finally {
      await app.close();
    }
  });
});
