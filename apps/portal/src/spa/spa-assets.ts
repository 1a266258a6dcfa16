import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

/**
 * The SPA talks only to its own origin; no inline script, nothing framed (OWASP secure headers).
 * React Aria adds one <style> element of its own; it carries the page's nonce, which it reads from
 * `<meta name="csp-nonce">` (a fresh one per response).
 */
const csp = (nonce: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

function secureHeaders(reply: FastifyReply, nonce: string): void {
  void reply.header('content-security-policy', csp(nonce));
  void reply.header('x-frame-options', 'DENY');
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'no-referrer');
}

/** dist/apps/portal/web, written by `node tools/build.mjs` (Vite), beside dist/out where this runs. */
export function webDir(configured?: string): string {
  const dir =
    configured ?? resolve(__dirname, '..', '..', '..', '..', '..', 'apps', 'portal', 'web');
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
  // Read once: the page is small and the same for every route and user but its nonce.
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const index = (_request: unknown, reply: FastifyReply): FastifyReply => {
    const nonce = randomBytes(16).toString('base64');
    secureHeaders(reply, nonce);
    const page = html.replace('<head>', `<head>\n    <meta name="csp-nonce" content="${nonce}" />`);
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
  };
  // The router ignores trailing slashes: this serves /portal as well.
  fastify.get('/portal/', index);
  // Client-side routes (e.g. /portal/webhooks/…) load the app, which then routes itself.
  fastify.get('/portal/*', (request, reply) => {
    if (request.url.startsWith('/portal/api/') || request.url.startsWith('/portal/assets/'))
      return reply.status(404).type('application/problem+json').send({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No such endpoint.',
      });
    return index(request, reply);
  });
}
