import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@platform/http';
import { AppModule, type WebhooksRuntime } from './app.module';
import pluginMetadata from './openapi-metadata';

export const SERVICE = 'webhooks';

/** Builds the webhooks app; the caller listens. Used by main.ts, the launcher and tests. */
export function createApp(runtime: WebhooksRuntime): Promise<NestFastifyApplication> {
  return createServiceApp(AppModule.forRoot(runtime), {
    openapi: { title: 'webhooks', pluginMetadata },
  });
}
