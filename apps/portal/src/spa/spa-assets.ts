import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

/** The SPA talks only to its own origin; nothing inline, nothing framed (OWASP secure headers). */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

function secureHeaders(reply: FastifyReply): void {
  void reply.header('content-security-policy', CSP);
  void reply.header('x-frame-options', 'DENY');
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'no-referrer');
}

/** dist/portal-web, written by `node tools/build.mjs` (Vite), beside dist/out where this runs. */
export function webDir(configured?: string): string {
  const dir = configured ?? resolve(__dirname, '..', '..', '..', '..', '..', 'portal-web');
  if (!existsSync(join(dir, 'index.html')))
    throw new Error(`the portal's web app is not built in ${dir}: run \`node tools/build.mjs\``);
  return dir;
}

/**
 * Serves the built SPA at /portal/: hashed assets for a year (immutable), gzip-compressed copies
 * when the browser accepts them, and index.html (revalidated each time, with the security headers)
 * for every client-side route.
 */
export async function serveSpa(app: NestFastifyApplication, root: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Vite names every asset by its content hash: a file never changes under one name.
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/portal/assets/',
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply) => {
      void reply.header('cache-control', 'public, max-age=31536000, immutable');
      void reply.header('x-content-type-options', 'nosniff');
    },
  });
  // Read once: the page is small and the same for every route and user.
  const html = readFileSync(join(root, 'index.html'));
  const index = (_request: unknown, reply: FastifyReply): FastifyReply => {
    secureHeaders(reply);
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };
  // The router ignores trailing slashes: this serves /portal as well.
  fastify.get('/portal/', index);
  // Client-side routes (e.g. /portal/webhooks/…) load the app, which then routes itself.
  fastify.get('/portal/*', (request, reply) => {
    if (request.url.startsWith('/portal/api/') || request.url.startsWith('/portal/assets/'))
      return reply
        .status(404)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: 'No such endpoint.',
        });
    return index(request, reply);
  });
}
