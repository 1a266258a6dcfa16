import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { parse, type ParsedUrlQuery } from 'node:querystring';

/**
 * Query strings as `002_*` callers send them. The seed's curls end in `&=` (a parameter with
 * neither name nor value, left by the tool that wrote them): it carries nothing, so it is dropped
 * instead of being refused as an unknown field by the validation pipe.
 */
export function parseQueryString(query: string): ParsedUrlQuery {
  const parsed = parse(query);
  delete parsed[''];
  return parsed;
}

/**
 * JSON bodies, except that an empty one is no body: `002_*` sends `Content-Type:
 * application/json` on DELETEs without a body, which Fastify's own parser refuses with a 400.
 * A present body is parsed by Fastify's parser, with its prototype-poisoning protection.
 */
export function acceptEmptyJsonBodies(adapter: FastifyAdapter): void {
  // Nest's parsers now (it skips its own registration later), then the JSON one replaced.
  adapter.registerParserMiddleware();
  const fastify = adapter.getInstance();
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') {
      done(null, undefined);
      return;
    }
    void json(request, text, done);
  });
}
