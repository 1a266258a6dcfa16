import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@platform/http';
import { ServiceRuntime } from '@platform/messaging';
import { AppModule } from './app.module';
import pluginMetadata from './openapi-metadata';
import { installTokenRoute } from './tokens/token-route';

export const SERVICE = 'oauth';

/**
 * Builds the oauth app; the caller listens. Used by main.ts, the launcher and tests.
 * Form bodies (`application/x-www-form-urlencoded`, RFC 6749 §3.2) are parsed by Nest's Fastify
 * adapter already, so @fastify/formbody would register the same content type twice.
 */
export async function createApp(runtime: ServiceRuntime): Promise<NestFastifyApplication> {
  const app = await createServiceApp(AppModule.forRoot(runtime), {
    openapi: {
      title: 'oauth',
      description: 'Authorization server: OAuth 2.0 grants, clients, login and SSO.',
      pluginMetadata,
    },
  });
  // Before app.init() registers the routes: the token route is served outside Nest's router.
  installTokenRoute(app);
  return app;
}
