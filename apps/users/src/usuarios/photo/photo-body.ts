import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_PHOTO_BYTES } from './image-type';

/**
 * Lets `image/*` bodies through as raw Buffers with their own 5 MiB limit (spec §4), while the
 * app-wide limit keeps JSON at 1 MiB. Fastify answers 413 above the limit.
 */
export function acceptPhotoBodies(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(
      /^image\/[a-z0-9.+-]+$/i,
      { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES },
      (_req, body, done) => done(null, body),
    );
}
