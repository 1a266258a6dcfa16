import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { parseUrlEncoded, type UrlEncoded } from './input/url-encoded';

/** Deeper JSON than any API of the platform takes; deeper bodies blow recursive code's stack. */
export const MAX_JSON_DEPTH = 64;

/** A client error Fastify renders through the app's error handler (problem+json). */
class BodyError extends Error {
  readonly statusCode = 400;
}

/** Query strings as `002_*` callers send them, decoded strictly (see `parseUrlEncoded`). */
export function parseQueryString(query: string): UrlEncoded {
  return parseUrlEncoded(query);
}

/**
 * The shared body parsers, replacing the ones Nest's Fastify adapter registers:
 * - JSON: an empty body is no body (`002_*` sends `Content-Type: application/json` on DELETEs
 *   without one, which Fastify's parser refuses); bytes that are not UTF-8 and nesting deeper
 *   than MAX_JSON_DEPTH are a 400; the rest goes to Fastify's parser, with its
 *   prototype-poisoning protection.
 * - forms (`application/x-www-form-urlencoded`, RFC 6749 §3.2): decoded strictly, like queries.
 */
export function registerBodyParsers(adapter: FastifyAdapter): void {
  // Nest's parsers now (it skips its own registration later), then these replace them.
  adapter.registerParserMiddleware();
  const fastify = adapter.getInstance();
  registerJsonParser(fastify);
  fastify.removeContentTypeParser('application/x-www-form-urlencoded');
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (_request, body, done) => {
      const text = utf8(body as Buffer);
      if (text === undefined) done(new BodyError('The form body is not valid UTF-8.'));
      else done(null, parseUrlEncoded(text));
    },
  );
}

function registerJsonParser(fastify: FastifyInstance): void {
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const text = utf8(body as Buffer);
    if (text === undefined) return done(new BodyError('The JSON body is not valid UTF-8.'));
    if (text === '') return done(null, undefined);
    void json(request, text, (error, parsed) => {
      if (error) done(error);
      else if (depthOf(parsed) > MAX_JSON_DEPTH)
        done(new BodyError(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`));
      else done(null, parsed);
    });
  });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8(body: Buffer): string | undefined {
  try {
    return strictUtf8.decode(body);
  } catch {
    return undefined;
  }
}

/** Nesting depth of a parsed JSON value, without recursion. */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value: current, depth } = item;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const member of Object.values(current)) pending.push({ value: member, depth: depth + 1 });
  }
  return deepest;
}
