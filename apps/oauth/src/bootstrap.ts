import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@platform/http';
import { ServiceRuntime } from '@platform/messaging';
import { AppModule } from './app.module';
import pluginMetadata from './openapi-metadata';

export const SERVICE = 'oauth';

/**
 * Builds the oauth app; the caller listens. Used by main.ts, the launcher and tests.
 * Form bodies (`application/x-www-form-urlencoded`, RFC 6749 §3.2) are parsed by Nest's Fastify
 * adapter already, so @fastify/formbody would register the same content type twice.
 */
export function createApp(runtime: ServiceRuntime): Promise<NestFastifyApplication> {
  return createServiceApp(AppModule.forRoot(runtime), {
    openapi: {
      title: 'oauth',
      description: 'Authorization server: OAuth 2.0 grants, clients, login and SSO.',
      pluginMetadata,
    },
  });
}
